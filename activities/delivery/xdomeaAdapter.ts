// The xdomea adapter: the message and the primary documents it references, read from PostgreSQL by this
// activity (never passed through the workflow), travel together as one ZIP container by HTTP.
import { ApplicationFailure } from '@temporalio/activity';
import { ContainerError, packContainer } from '../../rules/xdomeaContainer';
import { pushHttp } from '../adapters/http';
import type { Delivery, Envelope, Transformed } from './message';

/** Packs and pushes the container with the delivery key as idempotency key; a broken reference is final. */
export async function pushXdomeaContainer(
  delivery: Delivery,
  envelope: Envelope,
  message: Transformed,
  bearerToken: string | undefined,
): Promise<void> {
  const byId = new Map<string, Buffer>();
  for (const file of [...envelope.files.fromIntake, ...envelope.files.fromCase])
    if (file.documentId) byId.set(file.documentId, file.content);
  let container: ReturnType<typeof packContainer>;
  try {
    container = packContainer(message.output, (id) => byId.get(id));
  } catch (error) {
    if (error instanceof ContainerError)
      throw ApplicationFailure.nonRetryable(
        `rule ${message.ruleVersion}: ${error.message}`,
        'CONTAINER_INVALID',
      );
    throw error;
  }
  await pushHttp({
    endpoint: delivery.system.endpoint,
    body: container.bytes,
    idempotencyKey: delivery.id,
    bearerToken,
    contentType: 'application/zip',
    headers: { 'content-disposition': `attachment; filename="${container.name}"` },
    // A container with several documents takes longer to send than a bare message.
    timeoutMs: 60_000,
  });
}
