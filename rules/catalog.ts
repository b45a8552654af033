// The rules the project ships: which stylesheet serves which rule key (service x message type x
// target format). Services come from the seeded catalogue (db/seed/services.ts), so a service added
// to a bundle there gets the bundle's rules here. seedRules loads these as version 1 of each key.
import { readFileSync } from 'node:fs';
import { SERVICES, type CatalogService } from '../db/seed/services';
import type { MessageType } from './envelope';

/** The LeiKa keys of the seeded services, as named in the seed (trade 99050012104000 is the real key). */
export const SERVICE_KEYS = {
  tradeRegister: '99050012104000',
  tradeReRegister: '99050012104001',
  tradeDeregister: '99050012104002',
  tradeRegisterExtract: '99050012104003',
  constructionSiteSafety: '99086004000001',
  parkingBanForMove: '99086004000002',
  otherStreetUsePermit: '99086004000003',
  birthCertificate: '99063006000001',
  marriageCertificate: '99063006000002',
  deathCertificate: '99063006000003',
} as const;

export const TARGET_FORMATS = [
  'xgewerbeanzeige',
  'xgewerbeanzeige-v22',
  'xdomea',
  'json',
  'mail-summary',
] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];

export const RULE_FILES = [
  'trade-xgewerbeanzeige.xsl',
  'trade-xgewerbeanzeige-2.2.xsl',
  'trade-json.xsl',
  'street-use-json.xsl',
  'civil-status-json.xsl',
  'xdomea-filing.xsl',
  'mail-summary.xsl',
] as const;
export type RuleFile = (typeof RULE_FILES)[number];

export interface RuleKey {
  leikaId: string;
  messageType: MessageType;
  targetFormat: string;
}

export interface CatalogRule extends RuleKey {
  file: RuleFile;
  note: string;
}

const ALL_MESSAGES: MessageType[] = ['application', 'supplement', 'notice', 'record'];
// The records system also hears when the case is closed.
const DMS_MESSAGES: MessageType[] = [...ALL_MESSAGES, 'closing'];
// Fachverfahren receive the application and what is handed in later; notices and records go to the DMS.
const INBOUND: MessageType[] = ['application', 'supplement'];

const JSON_RULE: Record<CatalogService['bundle'], RuleFile> = {
  trade: 'trade-json.xsl',
  'street-use': 'street-use-json.xsl',
  'civil-status': 'civil-status-json.xsl',
};

// XGewerbeanzeige carries notifications (register, re-register, deregister), not register extracts.
const XGEWERBEANZEIGE_SERVICES = new Set<string>([
  SERVICE_KEYS.tradeRegister,
  SERVICE_KEYS.tradeReRegister,
  SERVICE_KEYS.tradeDeregister,
]);

/** Every shipped rule, one entry per rule key. */
export const RULE_CATALOG: CatalogRule[] = SERVICES.flatMap((service) => [
  ...DMS_MESSAGES.map((messageType) =>
    rule(
      service,
      messageType,
      'xdomea',
      'xdomea-filing.xsl',
      'xdomea 3.0.0 filing message (FVDaten 0605, closing 0624) for the records system',
    ),
  ),
  ...ALL_MESSAGES.map((messageType) =>
    rule(
      service,
      messageType,
      'mail-summary',
      'mail-summary.xsl',
      'German plain-text summary for the office mailbox (level 1)',
    ),
  ),
  ...INBOUND.map((messageType) =>
    rule(
      service,
      messageType,
      'json',
      JSON_RULE[service.bundle],
      `flat JSON for a ${service.bundle} Fachverfahren`,
    ),
  ),
  ...(XGEWERBEANZEIGE_SERVICES.has(service.leikaId)
    ? INBOUND.map((messageType) =>
        rule(
          service,
          messageType,
          'xgewerbeanzeige',
          'trade-xgewerbeanzeige.xsl',
          'GewerbePro product format (XGewerbeanzeige-style, own namespace) for the Fachverfahren',
        ),
      )
    : []),
  ...(XGEWERBEANZEIGE_SERVICES.has(service.leikaId)
    ? [
        rule(
          service,
          'application',
          'xgewerbeanzeige-v22',
          'trade-xgewerbeanzeige-2.2.xsl',
          'official XGewerbeanzeige 2.2 message (0100, 0300, 0500) for the receivers of §14 GewO',
        ),
      ]
    : []),
]);

function rule(
  service: CatalogService,
  messageType: MessageType,
  targetFormat: TargetFormat,
  file: RuleFile,
  note: string,
): CatalogRule {
  return {
    leikaId: service.leikaId,
    messageType,
    targetFormat,
    file,
    note: `${note} (shipped with Drehscheibe)`,
  };
}

const texts = new Map<RuleFile, string>();

/** The XSLT text of a shipped rule file. */
export function ruleText(file: RuleFile): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = readFileSync(new URL(`./xslt/${file}`, import.meta.url), 'utf8');
    texts.set(file, text);
  }
  return text;
}
