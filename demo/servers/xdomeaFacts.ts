// Reads the file-level identifiers of an xdomea message with a real XML parser (saxon-js XPath),
// never with patterns over text. Only called on documents that passed assertSafeXml and the XSD.
import { evaluateOnXdomea } from '../../rules/xdomeaXPath';

/** What the DMS files a message under and shows about it. */
export interface XdomeaFacts {
  /** Local name of the document element, e.g. "FVDaten.SGOAblegen.0605". */
  messageType: string;
  prozessId: string;
  vorgangIds: string[];
  akteIds: string[];
  /** Objects a closing message (0624) puts "zu den Akten". */
  zdaIds: string[];
  /** File references (Kennzeichen) of the Vorgang, Akte and Dokument objects. */
  kennzeichen: string[];
  /** The sender's own ids of the case: FachverfahrenObjektID and FremdesGeschaeftszeichen. */
  senderIds: string[];
  betreff: string;
  documents: { id: string; betreff: string; typ: string; dateinamen: string[] }[];
}

const FACTS = `
let $d := parse-xml($xml), $objects := $d//(x:Vorgang | x:Akte | x:Dokument)
return map {
  'messageType': local-name($d/*),
  'prozessId': string($d/*/x:Kopf/x:ProzessID),
  'vorgangIds': array { $d//x:Vorgang/x:Identifikation/x:ID ! normalize-space() },
  'akteIds': array { $d//x:Akte/x:Identifikation/x:ID ! normalize-space() },
  'zdaIds': array { $d//x:SchriftgutobjektZumZDAVerfuegen/x:IDSGO ! normalize-space() },
  'kennzeichen': array { distinct-values($objects/x:AllgemeineMetadaten/x:Kennzeichen ! normalize-space()[. ne '']) },
  'senderIds': array { distinct-values(($d//x:FachverfahrenObjektID, $d//x:FremdesGeschaeftszeichen) ! normalize-space()[. ne '']) },
  'betreff': string(($d//(x:Vorgang | x:Akte)/x:AllgemeineMetadaten/x:Betreff, $d//x:Dokument/x:AllgemeineMetadaten/x:Betreff)[1]),
  'documents': array { $d//x:Dokument ! map {
    'id': normalize-space(x:Identifikation/x:ID),
    'betreff': string(x:AllgemeineMetadaten/x:Betreff),
    'typ': string(x:Typ),
    'dateinamen': array { x:Version/x:Format/x:Primaerdokument/x:Dateiname ! string() }
  } }
}`;

/** Extracts identifiers, subject and documents of a safe, schema-valid xdomea message. */
export function xdomeaFacts(xml: string): XdomeaFacts {
  return evaluateOnXdomea<XdomeaFacts>(FACTS, xml);
}

/** The case a message belongs to: its Vorgang, else its Akte, else what it closes, else its process. */
export function recordIdOf(facts: XdomeaFacts): string {
  return facts.vorgangIds[0] ?? facts.akteIds[0] ?? facts.zdaIds[0] ?? facts.prozessId;
}
