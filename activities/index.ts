// Activities are built by a factory from their dependencies, so tests hand in real or fake ones.
import type { ActivityDeps } from './deps';
import { createRecordActivities } from './record';
import { createRoutingActivities } from './routing';
import { createDeliveryActivities } from './delivery';
import { createCaseTaskActivities } from './caseTasks';
import { createApplicantActivities } from './applicant';
import { createRegisterActivities } from './registers';
import { createPaymentActivities } from './payment';
import { createIssueNoticeActivities } from './issueNotice';
import { createPostalNoticeActivities } from './postalNotice';
import { createOfficeProcessActivities } from './officeProcess';
import { createServiceTaskActivities } from './serviceTasks';
import { createHubServiceTasks } from './hubServiceTasks';
import { createProcessModelActivities } from './processModelParts';
import { ModelCache } from './modelCache';
import { compiledModelJson } from '../bpmn/depot';
import { createIncidentActivities } from './incidents';
import { createTradeForwardingActivities } from './tradeForwarding';
import { createBpmnSignalActivities, createSignalStarter } from './bpmnSignals';

export type { ActivityDeps } from './deps';

/** All activities the worker registers; workflows import only this type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRecordActivities(deps),
    ...createRoutingActivities(deps),
    ...createDeliveryActivities(deps),
    ...createCaseTaskActivities(deps),
    ...createApplicantActivities(deps),
    ...createRegisterActivities(deps),
    ...createPaymentActivities(deps),
    ...createIssueNoticeActivities(deps),
    ...createPostalNoticeActivities(deps),
    ...createOfficeProcessActivities(deps),
    ...createProcessModelActivities(
      new ModelCache((ref) => compiledModelJson(deps.pool, ref.modelId, ref.version)),
    ),
    ...createIncidentActivities(deps),
    ...createTradeForwardingActivities(deps),
    ...createBpmnSignalActivities(
      () => deps.temporal,
      createSignalStarter(deps.pool, () => deps.temporal),
    ),
    ...createServiceTaskActivities(createHubServiceTasks(deps)),
  };
}

export type Activities = ReturnType<typeof createActivities>;
