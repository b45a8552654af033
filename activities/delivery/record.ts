// Record stage: the delivery's row (at least once, idempotent) and its protocol entries: claimed before
// anything runs, delivered or failed (for retry) after the adapter.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { beginAttempt, markDelivery } from '../../db/deliveries';
import type { Pool } from '../../db/pool';
import { appendProtocol, payloadHash } from '../../db/protocol';
import { deliveryKey } from '../../workflows/caseTypes';
import type { DeliverInput, DeliverResult, Delivery, Transformed } from './message';

/** The delivery of a request: its key and target system; a binding without that system is final (NO_TARGET). */
export function openDelivery(input: DeliverInput): Delivery {
  const { route } = input;
  const system =
    input.system ??
    (input.target === 'fachverfahren' || input.target === 'dms' || input.target === 'mail'
      ? route[input.target]
      : null);
  if (!system)
    throw ApplicationFailure.nonRetryable(
      `binding ${route.bindingId} has no ${input.target} system`,
      'NO_TARGET',
    );
  return {
    id: deliveryKey(input),
    input,
    route,
    system,
    ids: { applicationId: input.applicationId, ars: route.ars, leikaId: route.leikaId },
  };
}

/** Counts an attempt; returns the earlier result when the message was delivered already. */
export async function claimAttempt(pool: Pool, delivery: Delivery): Promise<DeliverResult | undefined> {
  const row = await beginAttempt(pool, {
    id: delivery.id,
    applicationId: delivery.input.applicationId,
    systemId: delivery.system.systemId,
    target: delivery.input.target,
    messageType: delivery.input.messageType,
  });
  if (row.status !== 'delivered') return undefined;
  return {
    deliveryId: delivery.id,
    ruleVersion: row.ruleVersion ?? '',
    payloadSha256: row.payloadSha256 ?? '',
    alreadyDelivered: true,
  };
}

/** Records a failed send for the retry, then rethrows the adapter's error (Temporal retries the activity). */
export async function recordFailedAttempt(
  pool: Pool,
  delivery: Delivery,
  message: Transformed,
  error: unknown,
): Promise<never> {
  const text = (error as Error).message;
  await markDelivery(pool, delivery.id, 'pending', { error: text });
  await appendProtocol(pool, {
    ...delivery.ids,
    step: 'retry',
    outcome: 'error',
    target: delivery.system.systemId,
    ruleVersion: message.ruleVersion,
    payloadHash: payloadHash(message.output),
    detail: { delivery: delivery.id, attempt: Context.current().info.attempt, error: text },
  });
  throw error;
}

/** Marks the message delivered and protocols it with the rule version and the payload's hash. */
export async function recordDelivered(
  pool: Pool,
  delivery: Delivery,
  message: Transformed,
): Promise<DeliverResult> {
  const sha = payloadHash(message.output);
  const { id, system } = delivery;
  await markDelivery(pool, id, 'delivered', { ruleVersion: message.ruleVersion, payloadSha256: sha });
  await appendProtocol(pool, {
    ...delivery.ids,
    step: 'deliver',
    outcome: 'ok',
    target: system.systemId,
    ruleVersion: message.ruleVersion,
    payloadHash: sha,
    detail: {
      delivery: id,
      attempt: Context.current().info.attempt,
      adapter: system.adapter,
      format: system.messageFormat,
    },
  });
  return { deliveryId: id, ruleVersion: message.ruleVersion, payloadSha256: sha, alreadyDelivered: false };
}

/** After retries are exhausted the delivery waits for an administrator; it is never dropped. */
export async function recordParked(
  pool: Pool,
  id: string,
  route: Delivery['route'],
  error: string,
): Promise<void> {
  await markDelivery(pool, id, 'parked', { error });
  await appendProtocol(pool, {
    applicationId: id.split('/')[0],
    ars: route.ars,
    leikaId: route.leikaId,
    step: 'failure',
    outcome: 'parked',
    target: id.split('/')[3],
    detail: { delivery: id, error },
  });
}
