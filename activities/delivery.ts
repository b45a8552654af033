// The delivery path as a pipeline: envelope -> rule -> validation -> adapter -> record. Each stage is one
// function with one concern in activities/delivery/; this file only puts them in order.
import type { RouteDecision } from '../workflows/caseTypes';
import type { ActivityDeps } from './deps';
import { sendToTarget } from './delivery/adapter';
import { buildEnvelope } from './delivery/envelope';
import type { DeliverInput, DeliverResult } from './delivery/message';
import {
  claimAttempt,
  openDelivery,
  recordDelivered,
  recordFailedAttempt,
  recordParked,
} from './delivery/record';
import { applyRule } from './delivery/rule';
import { validateMessage } from './delivery/validation';

export type { DeliverInput, DeliverResult } from './delivery/message';

export function createDeliveryActivities({ pool, integrations }: ActivityDeps) {
  return {
    /** Transforms, validates and sends one message to one target system of the case (at least once, idempotent). */
    async deliverMessage(input: DeliverInput): Promise<DeliverResult> {
      const delivery = openDelivery(input);
      const earlier = await claimAttempt(pool, delivery);
      if (earlier) return earlier;
      const envelope = await buildEnvelope(pool, delivery);
      const message = await applyRule(pool, delivery, envelope.xml);
      await validateMessage(pool, delivery, message);
      await sendToTarget(pool, integrations, delivery, envelope, message).catch((error: unknown) =>
        recordFailedAttempt(pool, delivery, message, error),
      );
      return recordDelivered(pool, delivery, message);
    },

    /** After retries are exhausted the delivery waits for an administrator; it is never dropped. */
    async parkDelivery(input: { deliveryId: string; route: RouteDecision; error: string }): Promise<void> {
      await recordParked(pool, input.deliveryId, input.route, input.error);
    },
  };
}
