// After registration, a trade notification goes on to the receivers §14 GewO names, as official messages.
import type { CaseState } from './caseState';
import { acts } from './caseState';
import { withIncident } from './caseIncidents';
import { deliverWithParking } from './deliveries';

/**
 * Forwards a registered trade notification to its receivers (statistics office, chambers, tax office, the
 * foreigners' authority for operators without EU citizenship): one delivery each, in parallel, parked while a
 * receiver is down. Resolves when all arrived; never fails the case.
 */
export async function forwardTradeNotification(state: CaseState): Promise<void> {
  const route = state.route!;
  const forwards = await withIncident(
    state,
    'trade-forwards',
    () => acts.tradeForwards({ applicationId: state.applicationId, route }),
    { skip: () => [] },
  );
  await Promise.all(
    forwards.map((forward) =>
      deliverWithParking(state, {
        applicationId: state.applicationId,
        messageType: 'application',
        round: 0,
        target: `receiver-${forward.receiverId}`,
        route,
        system: forward.system,
        payload: forward.payload,
      }),
    ),
  );
}
