// Rule stage: the active integration rule for (service, message type, target format) turns the envelope
// into the target's format. Running the rule is one call (rules/transform.ts runRule).
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from '../../db/pool';
import { appendProtocol, payloadHash } from '../../db/protocol';
import { activeRule } from '../../rules/depot';
import { runRule } from '../../rules/transform';
import { RuleLimitError } from '../../rules/ruleErrors';
import type { Delivery, Transformed } from './message';

/** Runs the active rule on the envelope; a missing or failing rule is final (RULE_MISSING, RULE_FAILED). */
export async function applyRule(pool: Pool, delivery: Delivery, envelope: string): Promise<Transformed> {
  const { input, system } = delivery;
  const ids = { ...delivery.ids, target: system.systemId };
  const rule = await activeRule(pool, {
    leikaId: ids.leikaId,
    messageType: input.messageType,
    targetFormat: system.messageFormat,
  });
  if (!rule) {
    const message = `no active rule for service ${ids.leikaId}, message ${input.messageType}, format ${system.messageFormat}: upload and activate one under /api/v1/admin/rules`;
    await appendProtocol(pool, {
      ...ids,
      step: 'transform',
      outcome: 'error',
      payloadHash: payloadHash(envelope),
      detail: { error: message },
    });
    throw ApplicationFailure.nonRetryable(message, 'RULE_MISSING');
  }
  const ruleVersion = rule.id;
  let output: string;
  try {
    output = await runRule(rule, envelope);
  } catch (error) {
    const message = `rule ${ruleVersion} failed: ${(error as Error).message}`;
    // A rule stopped at its time or memory limit would be stopped again: no retry, an administrator decides.
    const type = error instanceof RuleLimitError ? error.code : 'RULE_FAILED';
    await appendProtocol(pool, {
      ...ids,
      step: 'transform',
      outcome: 'error',
      ruleVersion,
      payloadHash: payloadHash(envelope),
      detail: { error: message, type },
    });
    throw ApplicationFailure.nonRetryable(message, type);
  }
  await appendProtocol(pool, {
    ...ids,
    step: 'transform',
    outcome: 'ok',
    ruleVersion,
    payloadHash: payloadHash(output),
    detail: { format: system.messageFormat, inputHash: payloadHash(envelope) },
  });
  return { output, ruleVersion };
}
