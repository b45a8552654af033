// Delivery with parking: retried by Temporal; when retries run out it waits for an administrator's retry.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  isCancellation,
  proxyActivities,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliverInput } from '../activities/delivery';
import { deliveryKey, type MessageKind, type TargetKind } from './caseTypes';
import { acts, type CaseState } from './caseState';
import { isNonRetryable, withIncident } from './caseIncidents';

function deliveryActivities(state: CaseState) {
  const { maximumAttempts, initialIntervalMs, maximumIntervalMs } = state.timing.delivery;
  return proxyActivities<Activities>({
    // Short, so a delivery whose worker died is retried soon (HTTP calls time out after 15 s).
    startToCloseTimeout: '30 seconds',
    retry: {
      maximumAttempts,
      initialInterval: initialIntervalMs,
      maximumInterval: maximumIntervalMs,
      backoffCoefficient: 2,
    },
  });
}

function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure
    ? `${cause.type ?? 'error'}: ${cause.message}`
    : String((cause as Error)?.message ?? cause);
}

/**
 * Delivers one message to one target; never gives up. A target that stays unreachable parks the delivery for
 * an administrator's retry; a failure that no retry can heal (no rule, rule timeout, message refused) is an
 * incident at step deliver-<target>, which may also be skipped (delivered outside the hub).
 */
export async function deliverWithParking(state: CaseState, input: DeliverInput): Promise<void> {
  const { deliverMessage } = deliveryActivities(state);
  const id = deliveryKey(input);
  for (;;) {
    try {
      await withIncident(state, `deliver-${input.target}`, () => deliverMessage(input), {
        skip: () => undefined,
        only: isNonRetryable,
      });
      return;
    } catch (error) {
      if (isCancellation(error)) throw error;
      await acts.parkDelivery({ deliveryId: id, route: input.route, error: failureMessage(error) });
      await condition(() => state.retryRequested.includes(id));
      state.retryRequested = state.retryRequested.filter((r) => r !== id);
    }
  }
}

/** The targets a message goes to, by implementation level: level 1 by mail, from level 2 the Fachverfahren; the DMS when bound. */
export function targetsFor(state: CaseState, messageType: MessageKind): TargetKind[] {
  const route = state.route!;
  const targets: TargetKind[] = [];
  if (messageType === 'application' || messageType === 'supplement') {
    if (route.level === 1 ? route.mail : route.fachverfahren)
      targets.push(route.level === 1 ? 'mail' : 'fachverfahren');
  }
  if (route.dms && route.level >= 2) targets.push('dms');
  return targets;
}

/** Delivers a message to all its targets in parallel. */
export async function deliverAll(
  state: CaseState,
  messageType: MessageKind,
  round: number,
  extra: Pick<DeliverInput, 'documentIds' | 'notice' | 'payload'> = {},
): Promise<void> {
  await Promise.all(
    targetsFor(state, messageType).map((target) =>
      deliverWithParking(state, {
        applicationId: state.applicationId,
        messageType,
        round,
        target,
        route: state.route!,
        ...extra,
      }),
    ),
  );
}
