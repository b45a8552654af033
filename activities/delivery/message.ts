// What travels through the delivery pipeline: the request, the case's target system, and the stages' results.
import type { ApplicationRow } from '../../db/applications';
import type { MessageType } from '../../rules/envelope';
import type { RouteDecision, SystemTarget, TargetKind } from '../../workflows/caseTypes';

export interface DeliverInput {
  applicationId: string;
  messageType: MessageType;
  /** Distinguishes repeated messages of one type (supplement rounds). */
  round: number;
  target: TargetKind;
  route: RouteDecision;
  /** The target system when it is not one of the binding's (receivers of trade notifications). */
  system?: SystemTarget;
  /** Case documents to include (supplement files, notice PDF, the record's documents). */
  documentIds?: string[];
  notice?: { text: string; decision: string; decidedAt: string };
  payload?: Record<string, unknown>;
}

export interface DeliverResult {
  deliveryId: string;
  ruleVersion: string;
  payloadSha256: string;
  alreadyDelivered: boolean;
}

/** One message of one case on its way to one target system. */
export interface Delivery {
  /** The delivery key: also the idempotency key the target system sees. */
  id: string;
  input: DeliverInput;
  route: RouteDecision;
  system: SystemTarget;
  /** The ids every protocol entry of this delivery carries. */
  ids: { applicationId: string; ars: string; leikaId: string };
}

export interface DeliveryFile {
  filename: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
  title?: string;
  /** The file's id in records systems, unique per case. */
  documentId?: string;
}

/** The envelope stage's result: the rule's input and what the adapters attach. */
export interface Envelope {
  xml: string;
  application: ApplicationRow;
  /** Files submitted with the application, and case documents named by the request. */
  files: { fromIntake: DeliveryFile[]; fromCase: DeliveryFile[] };
}

/** The rule stage's result. */
export interface Transformed {
  output: string;
  ruleVersion: string;
}
