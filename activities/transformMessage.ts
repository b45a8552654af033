// Runs the active integration rule for (service, message type, target format) and validates its output.
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from '../db/pool';
import { appendProtocol, payloadHash } from '../db/protocol';
import { activeRule } from '../rules/depot';
import { runRule } from '../rules/transform';
import { validateXml, type SchemaName } from '../rules/xsd';
import type { MessageType } from '../rules/envelope';

/** Output formats that have a schema; the others (json, mail text) are checked for being parseable. */
const SCHEMAS: Record<string, SchemaName> = { xgewerbeanzeige: 'xgewerbeanzeige', xdomea: 'xdomea' };

export interface TransformRequest {
  applicationId: string;
  ars: string;
  leikaId: string;
  messageType: MessageType;
  targetFormat: string;
  target: string;
  envelope: string;
}

export async function transformMessage(
  pool: Pool,
  req: TransformRequest,
): Promise<{ output: string; ruleVersion: string }> {
  const base = { applicationId: req.applicationId, ars: req.ars, leikaId: req.leikaId, target: req.target };
  const rule = await activeRule(pool, {
    leikaId: req.leikaId,
    messageType: req.messageType,
    targetFormat: req.targetFormat,
  });
  if (!rule) {
    const message = `no active rule for service ${req.leikaId}, message ${req.messageType}, format ${req.targetFormat}: upload and activate one under /api/v1/admin/rules`;
    await appendProtocol(pool, {
      ...base,
      step: 'transform',
      outcome: 'error',
      payloadHash: payloadHash(req.envelope),
      detail: { error: message },
    });
    throw ApplicationFailure.nonRetryable(message, 'RULE_MISSING');
  }
  const ruleVersion = rule.id;
  let output: string;
  try {
    output = await runRule(rule, req.envelope);
  } catch (error) {
    const message = `rule ${ruleVersion} failed: ${(error as Error).message}`;
    await appendProtocol(pool, {
      ...base,
      step: 'transform',
      outcome: 'error',
      ruleVersion,
      payloadHash: payloadHash(req.envelope),
      detail: { error: message },
    });
    throw ApplicationFailure.nonRetryable(message, 'RULE_FAILED');
  }
  await appendProtocol(pool, {
    ...base,
    step: 'transform',
    outcome: 'ok',
    ruleVersion,
    payloadHash: payloadHash(output),
    detail: { format: req.targetFormat, inputHash: payloadHash(req.envelope) },
  });

  const schema = SCHEMAS[req.targetFormat];
  let errors: string[] = [];
  if (schema) errors = (await validateXml(output, schema)).errors;
  else if (req.targetFormat === 'json') {
    try {
      JSON.parse(output);
    } catch (e) {
      errors = [`not JSON: ${(e as Error).message}`];
    }
  }
  await appendProtocol(pool, {
    ...base,
    step: 'validate',
    outcome: errors.length ? 'error' : 'ok',
    ruleVersion,
    payloadHash: payloadHash(output),
    detail: { schema: schema ?? req.targetFormat, errors: errors.slice(0, 20) },
  });
  if (errors.length)
    throw ApplicationFailure.nonRetryable(
      `output of ${ruleVersion} is invalid: ${errors.slice(0, 3).join('; ')}`,
      'INVALID_OUTPUT',
    );
  return { output, ruleVersion };
}
