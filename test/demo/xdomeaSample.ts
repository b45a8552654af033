// A minimal xdomea 3.0.0 filing message (Geschaeftsgang.Geschaeftsgang.0201) for the DMS tests:
// one document as the main object and the case (Vorgang) as attachment.
import crypto from 'node:crypto';

export interface SampleFiling {
  prozessId?: string;
  vorgangId?: string;
  kennzeichen?: string;
  betreff?: string;
  documentTitle?: string;
}

/** Builds a schema-valid filing message; ids default to fresh UUIDs. */
export function xdomeaFiling(input: SampleFiling = {}): string {
  const prozessId = input.prozessId ?? crypto.randomUUID();
  const vorgangId = input.vorgangId ?? crypto.randomUUID();
  const kennzeichen = input.kennzeichen ?? 'A-20260101-0000000001';
  const betreff = input.betreff ?? 'Gewerbeanmeldung Mustermann Feinkost';
  const contact = (name: string) =>
    `<xdomea:Institution><xdomea:Name>${name}</xdomea:Name></xdomea:Institution>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<xdomea:Geschaeftsgang.Geschaeftsgang.0201 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
  <xdomea:Kopf>
    <xdomea:ProzessID>${prozessId}</xdomea:ProzessID>
    <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0"><code>0201</code><name>Geschaeftsgang.Geschaeftsgang</name></xdomea:Nachrichtentyp>
    <xdomea:Erstellungszeitpunkt>2026-03-02T09:15:00Z</xdomea:Erstellungszeitpunkt>
    <xdomea:Absender>${contact('Drehscheibe')}</xdomea:Absender>
    <xdomea:Empfaenger>${contact('Stadt Radebeul, Ordnungsamt')}</xdomea:Empfaenger>
    <xdomea:EmpfangsbestaetigungAnInitiator>false</xdomea:EmpfangsbestaetigungAnInitiator>
    <xdomea:EmpfangsbestaetigungAnVorgaenger>false</xdomea:EmpfangsbestaetigungAnVorgaenger>
  </xdomea:Kopf>
  <xdomea:Hauptobjekt>
    <xdomea:Dokument>
      <xdomea:Identifikation><xdomea:ID>${crypto.randomUUID()}</xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten><xdomea:Betreff>${input.documentTitle ?? 'Antrag'}</xdomea:Betreff><xdomea:Kennzeichen>${kennzeichen}</xdomea:Kennzeichen></xdomea:AllgemeineMetadaten>
    </xdomea:Dokument>
  </xdomea:Hauptobjekt>
  <xdomea:ExternerGeschaeftsgang>
    <xdomea:Identifikation><xdomea:ID>${crypto.randomUUID()}</xdomea:ID></xdomea:Identifikation>
    <xdomea:Beteiligungsschritt>
      <xdomea:Nummer>1</xdomea:Nummer>
      <xdomea:Status listURI="urn:xoev-de:xdomea:codeliste:beteiligungsstatus" listVersionID="1.1"><code>001</code></xdomea:Status>
      <xdomea:Verfuegung>
        <xdomea:Ersteller>${contact('Drehscheibe')}</xdomea:Ersteller>
        <xdomea:Adressat>${contact('Stadt Radebeul, Ordnungsamt')}</xdomea:Adressat>
        <xdomea:Erstellungsdatum>2026-03-02</xdomea:Erstellungsdatum>
        <xdomea:Verfuegung>Zur Akte</xdomea:Verfuegung>
      </xdomea:Verfuegung>
    </xdomea:Beteiligungsschritt>
  </xdomea:ExternerGeschaeftsgang>
  <xdomea:Anlage>
    <xdomea:Vorgang>
      <xdomea:Identifikation><xdomea:ID>${vorgangId}</xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten><xdomea:Betreff>${betreff}</xdomea:Betreff><xdomea:Kennzeichen>${kennzeichen}</xdomea:Kennzeichen></xdomea:AllgemeineMetadaten>
    </xdomea:Vorgang>
  </xdomea:Anlage>
</xdomea:Geschaeftsgang.Geschaeftsgang.0201>
`;
}
