// Activities that keep the protocol and the applicant's status read model current.
import { appendProtocol as insertProtocol, type ProtocolEntry } from '../db/protocol';
import { saveStatus } from '../db/status';
import type { StatusUpdate } from '../workflows/status';
import type { ActivityDeps } from './deps';

export function createRecordActivities({ pool }: ActivityDeps) {
  return {
    /** Appends one entry to the transaction protocol. */
    async appendProtocol(entry: ProtocolEntry): Promise<number> {
      return insertProtocol(pool, entry);
    },
    /** Publishes the applicant-facing status so polling never replays the workflow. */
    async publishStatus(update: StatusUpdate): Promise<void> {
      await saveStatus(pool, update);
    },
  };
}
