// The hub activities a BPMN model binds to by task type (`zeebe:taskDefinition type`, or the name
// convention "[type] Name"); the list must match HUB_TASK_TYPES in bpmn/taskBinding.ts.
import { getApplication } from '../db/applications';
import { appendProtocol } from '../db/protocol';
import type { RouteDecision } from '../workflows/caseTypes';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { requestDocumentsUpdate } from '../workflows/applicationMessages';
import { createApplicantActivities } from './applicant';
import { createDeliveryActivities } from './delivery';
import { createRegisterActivities } from './registers';
import { bpmnError, type ServiceTaskHandler } from './serviceTasks';
import type { ActivityDeps } from './deps';

const DAY = 86_400_000;
/** BPMN error code of a refused document request (catch it with a boundary error event). */
export const DOCUMENTS_REQUEST_REFUSED = 'DOCUMENTS_REQUEST_REFUSED';

/** Days of an ISO-8601 period like P14D or P2W (models give deadlines that way). */
export function periodMs(period: string | undefined, fallbackDays: number): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(period ?? '');
  if (!match || period === 'P') return fallbackDays * DAY;
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = match;
  return ((Number(w) * 7 + Number(d)) * 24 * 3600 + Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

export function createHubServiceTasks(deps: ActivityDeps): Record<string, ServiceTaskHandler> {
  const { pool, temporal } = deps;
  const registers = createRegisterActivities(deps);
  const applicant = createApplicantActivities(deps);
  const delivery = createDeliveryActivities(deps);
  const route = async (applicationId: string): Promise<RouteDecision> => {
    const routed = (await getApplication(pool, applicationId))?.route;
    if (!routed) throw new Error(`application ${applicationId} is not routed`);
    return routed;
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

  return {
    'register-lookup': async ({ businessKey }) => {
      const result = await registers.checkResidentRegister({ applicationId: businessKey });
      return { registerChecked: result.checked, registerFound: result.found, registerDetail: result.detail };
    },
    'request-documents': async ({ businessKey, variables, headers }) => {
      if (!temporal)
        throw new Error('request-documents needs a Temporal client in the activity dependencies');
      const deadline =
        str(variables.deadline) ?? new Date(Date.now() + periodMs(headers.deadline, 14)).toISOString();
      const description =
        str(variables.description) ??
        str(headers.description) ??
        'Bitte reichen Sie die fehlenden Unterlagen nach.';
      try {
        const { requestId } = await temporal.workflow
          .getHandle(businessKey)
          .executeUpdate(requestDocumentsUpdate, {
            args: [{ description, deadline, requestedBy: 'Prozess' }],
          });
        return { documentsRequested: true, documentsDeadline: deadline, documentsRequestId: requestId };
      } catch (error) {
        // The case refused (a request is open, the case is decided ...): the model can catch this error.
        if (error instanceof WorkflowUpdateFailedError)
          throw bpmnError(
            DOCUMENTS_REQUEST_REFUSED,
            `document request refused: ${(error.cause as Error | undefined)?.message ?? error.message}`,
          );
        throw error;
      }
    },
    'route-and-deliver': async ({ businessKey }) => {
      // The application workflow delivers before the office process starts; this confirms it for the model.
      const r = await pool.query(
        `SELECT target FROM deliveries WHERE application_id = $1 AND message_type = 'application' AND status = 'delivered'`,
        [businessKey],
      );
      return { deliveredTo: r.rows.map((x) => x.target) };
    },
    'file-to-dms': async ({ businessKey, elementId, processInstanceId }) => {
      // A stable round per element instance, so a retried task files once (the DMS dedupes on the key).
      const round =
        1000 +
        (Array.from(`${processInstanceId}:${elementId}`).reduce(
          (h, c) => (h * 31 + c.charCodeAt(0)) >>> 0,
          7,
        ) %
          1_000_000);
      const result = await delivery.deliverMessage({
        applicationId: businessKey,
        messageType: 'record',
        round,
        target: 'dms',
        route: await route(businessKey),
        payload: { filedBy: elementId },
      });
      return { filedDeliveryId: result.deliveryId };
    },
    'generate-notice': async ({ businessKey, elementId }) => {
      // The notice is issued by the application workflow once the process returns its decision.
      await appendProtocol(pool, {
        applicationId: businessKey,
        step: 'process',
        outcome: 'ok',
        detail: { element: elementId, note: 'notice is issued after the process returns its decision' },
      });
      return { noticeScheduled: true };
    },
    'send-mail': async ({ businessKey, elementId, variables, headers }) => {
      const application = await getApplication(pool, businessKey);
      await applicant.notifyApplicant({
        messageId: `${businessKey}/${elementId}`,
        applicationId: businessKey,
        kind: 'information',
        mail: true,
        subject: str(headers.subject) ?? str(variables.subject) ?? 'Information zu Ihrem Antrag',
        body:
          str(headers.body) ??
          str(variables.body) ??
          `Zu Ihrem Antrag ${application?.id ?? businessKey} gibt es Neuigkeiten.`,
      });
      return { mailSent: true };
    },
  };
}
