// Search attributes that let administrators filter cases in the Temporal UI and CLI, e.g.
// temporal workflow list --query "DsMunicipality='146270210210' AND DsStatus='ACTION_REQUIRED'"
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const DS_SERVICE = defineSearchAttributeKey('DsService', SearchAttributeType.KEYWORD);
export const DS_MUNICIPALITY = defineSearchAttributeKey('DsMunicipality', SearchAttributeType.KEYWORD);
export const DS_OFFICE = defineSearchAttributeKey('DsOffice', SearchAttributeType.KEYWORD);
export const DS_STATUS = defineSearchAttributeKey('DsStatus', SearchAttributeType.KEYWORD);
export const DS_PHASE = defineSearchAttributeKey('DsPhase', SearchAttributeType.KEYWORD);
export const DS_LEVEL = defineSearchAttributeKey('DsLevel', SearchAttributeType.INT);
/** The step (or BPMN element) where the case has an open incident; unset otherwise. `DsIncident IS NOT NULL` lists them. */
export const DS_INCIDENT = defineSearchAttributeKey('DsIncident', SearchAttributeType.KEYWORD);
/** When the office's answer is due (Anzeige: the Empfangsbescheinigung); `DsDue < now AND DsPhase != 'final'` lists overdue. */
export const DS_DUE = defineSearchAttributeKey('DsDue', SearchAttributeType.DATETIME);
/** Signal names a BPMN instance waits for (workflows/bpmn/signalAttribute.ts); the signal broadcast queries it. */
export const DS_BPMN_SIGNALS = defineSearchAttributeKey('DsBpmnSignals', SearchAttributeType.KEYWORD_LIST);

export const SEARCH_ATTRIBUTES = [
  DS_SERVICE,
  DS_MUNICIPALITY,
  DS_OFFICE,
  DS_STATUS,
  DS_PHASE,
  DS_LEVEL,
  DS_INCIDENT,
  DS_DUE,
  DS_BPMN_SIGNALS,
];
