// Which receivers §14 GewO names get a registered trade notification, and what their official message needs:
// reader and author identities, the AGS, record ids. The workflow delivers one message per receiver.
import { getApplication } from '../db/applications';
import type { Pool } from '../db/pool';
import { appendProtocol } from '../db/protocol';
import { activeTradeReceivers, tradeAuthor, type TradeReceiverKind } from '../db/tradeReceivers';
import {
  LEGAL_FORM_LABEL_CODES,
  TRADE_NOTIFICATION_SERVICES,
  isEuCitizen,
  missingTradeCodes,
} from '../rules/xgewerbeanzeige/codeLists';
import type { XgwaMessageType } from '../rules/xgewerbeanzeige/officialCheck';
import { derivedUuid } from '../rules/envelope';
import type { RouteDecision, SystemTarget } from '../workflows/caseTypes';
import type { ActivityDeps } from './deps';
import { parseAddress } from './issueNotice';

/** The message type each receiver kind gets. */
export const MESSAGE_TYPE_OF: Record<TradeReceiverKind, XgwaMessageType> = {
  'statistics-office': '0100',
  'chamber-ihk': '0300',
  'chamber-hwk': '0300',
  'tax-office': '0300',
  'foreigners-authority': '0500',
  other: '0300',
};

/** One receiver's delivery: its system (for the pipeline) and the rule's payload (no personal data). */
export interface TradeForward {
  receiverId: string;
  kind: TradeReceiverKind;
  messageType: XgwaMessageType;
  system: SystemTarget;
  payload: Record<string, unknown>;
}

/** The 8-digit AGS of a 12-digit ARS: Land, Regierungsbezirk, Kreis (5 digits) and Gemeinde (last 3). */
export function agsOf(ars: string): string {
  return `${ars.slice(0, 5)}${ars.slice(9, 12)}`;
}

export function createTradeForwardingActivities({ pool }: ActivityDeps) {
  return {
    /** The receivers a registered trade notification goes to (none for other services, legacy forms, or none configured). */
    async tradeForwards({
      applicationId,
      route,
    }: {
      applicationId: string;
      route: RouteDecision;
    }): Promise<TradeForward[]> {
      if (!TRADE_NOTIFICATION_SERVICES.has(route.leikaId)) return [];
      const receivers = await activeTradeReceivers(pool, route.ars);
      if (receivers.length === 0) return [];
      const application = await getApplication(pool, applicationId);
      const form = (application?.formData ?? {}) as Record<string, unknown>;
      const missing = missingTradeCodes(form);
      if (missing.length > 0) {
        // Accepted before the form carried the official codes: the Gewerbeamt forwards it itself.
        await protocolNote(pool, route, applicationId, {
          forwarded: false,
          reason: `the form lacks ${missing.join(', ')}`,
        });
        return [];
      }
      const operator = (form.operator ?? {}) as { nationalityCodes?: string[] };
      const euCitizen = isEuCitizen(operator.nationalityCodes ?? []);
      const author = await authorPayload(pool, route);
      const forwards = receivers
        .filter((r) => r.kind !== 'foreigners-authority' || !euCitizen)
        .map((r): TradeForward => {
          const messageType = MESSAGE_TYPE_OF[r.kind];
          return {
            receiverId: r.id,
            kind: r.kind,
            messageType,
            system: {
              systemId: `receiver-${r.id}`,
              productId: `xgewerbeanzeige-${messageType}`,
              productName: r.name,
              kind: 'receiver',
              adapter: 'http',
              messageFormat: 'xgewerbeanzeige-v22',
              endpoint: r.endpoint,
            },
            payload: {
              xga: {
                messageType,
                ags: agsOf(route.ars),
                legalFormCode:
                  (form.legalFormCode as string | undefined) ??
                  LEGAL_FORM_LABEL_CODES[form.legalForm as string],
                businessId: derivedUuid(`xga-business:${applicationId}`),
                recordUuid: derivedUuid(`xga-record:${applicationId}`),
                reader: {
                  prefix: r.readerPrefix,
                  id: r.readerId,
                  listUri: r.readerListUri ?? undefined,
                  listVersion: r.readerListVersion ?? undefined,
                  name: r.name,
                  email: r.email ?? undefined,
                  url: r.url ?? undefined,
                },
                author,
              },
            },
          };
        });
      await protocolNote(pool, route, applicationId, {
        forwarded: true,
        receivers: forwards.map((f) => `${f.receiverId} (${f.messageType})`),
        euCitizen,
      });
      return forwards;
    },
  };
}

async function authorPayload(pool: Pool, route: RouteDecision) {
  const configured = await tradeAuthor(pool, route.officeId);
  const address = parseAddress(route.officeAddress);
  const street = /^(.*\S)\s+(\d+\s*[A-Za-z]?(?:\s*[-/]\s*\d+\s*[A-Za-z]?)?)$/.exec(address.street);
  return {
    prefix: configured?.prefix ?? 'MELDID',
    id: configured?.id ?? agsOf(route.ars),
    listUri: configured?.listUri ?? 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags',
    listVersion: configured?.listVersion ?? '2018-01-31',
    name: route.officeName,
    email: route.officeEmail ?? undefined,
    phone: configured?.phone ?? undefined,
    street: street ? street[1] : address.street || undefined,
    houseNumber: street ? street[2] : undefined,
    postalCode: address.postalCode || undefined,
    city: address.city || undefined,
  };
}

async function protocolNote(
  pool: Pool,
  route: RouteDecision,
  applicationId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendProtocol(pool, {
    applicationId,
    ars: route.ars,
    leikaId: route.leikaId,
    step: 'route',
    outcome: 'ok',
    detail: { xgewerbeanzeige: detail },
  });
}
