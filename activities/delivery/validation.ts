// Validation stage: the rule's output is checked against the target format's schema before it leaves.
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from '../../db/pool';
import { appendProtocol, payloadHash } from '../../db/protocol';
import { validateXml, type SchemaName } from '../../rules/xsd';
import { checkOfficialMessage } from '../../rules/xgewerbeanzeige/officialCheck';
import type { Delivery, Transformed } from './message';

/** Output formats that have a schema; the others (json, mail text) are checked for being parseable. */
const SCHEMAS: Record<string, SchemaName> = { xgewerbeanzeige: 'xgewerbeanzeige', xdomea: 'xdomea-fvdaten' };

/** The official XGewerbeanzeige messages: no XSD here, the check derived from KoSIT's samples. */
const OFFICIAL_XGWA = 'xgewerbeanzeige-v22';

/** Protocols the check; invalid output is final (NonRetryable INVALID_OUTPUT): the rule must be fixed. */
export async function validateMessage(pool: Pool, delivery: Delivery, message: Transformed): Promise<void> {
  const format = delivery.system.messageFormat;
  const schema = SCHEMAS[format];
  const errors = schema
    ? (await validateXml(message.output, schema)).errors
    : format === OFFICIAL_XGWA
      ? checkOfficialMessage(message.output).errors
      : format === 'json'
        ? jsonErrors(message.output)
        : [];
  await appendProtocol(pool, {
    ...delivery.ids,
    target: delivery.system.systemId,
    step: 'validate',
    outcome: errors.length ? 'error' : 'ok',
    ruleVersion: message.ruleVersion,
    payloadHash: payloadHash(message.output),
    detail: {
      schema: schema ?? (format === OFFICIAL_XGWA ? 'XGewerbeanzeige 2.2 sample paths' : format),
      errors: errors.slice(0, 20),
    },
  });
  if (errors.length)
    throw ApplicationFailure.nonRetryable(
      `output of ${message.ruleVersion} is invalid: ${errors.slice(0, 3).join('; ')}`,
      'INVALID_OUTPUT',
    );
}

function jsonErrors(output: string): string[] {
  try {
    JSON.parse(output);
    return [];
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
}
