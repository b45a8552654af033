// HTTP push to a target system with an idempotency key: the target dedupes, we may retry freely.
import { ApplicationFailure } from '@temporalio/activity';

export interface HttpPush {
  endpoint: string;
  body: string | Buffer;
  contentType: string;
  idempotencyKey: string;
  bearerToken?: string;
  timeoutMs?: number;
  /** Further request headers, e.g. the container's file name. */
  headers?: Record<string, string>;
}

/** Resolves with the target's answer; throws retryable errors for outages, non-retryable for refusals. */
export async function pushHttp(push: HttpPush): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {
    ...push.headers,
    'content-type': push.contentType,
    'idempotency-key': push.idempotencyKey,
  };
  if (push.bearerToken) headers.authorization = `Bearer ${push.bearerToken}`;
  let response: Response;
  try {
    response = await fetch(push.endpoint, {
      method: 'POST',
      headers,
      body: push.body,
      signal: AbortSignal.timeout(push.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw ApplicationFailure.retryable(
      `${push.endpoint} unreachable: ${(error as Error).message}`,
      'TARGET_UNREACHABLE',
    );
  }
  const text = await response.text();
  if (response.ok) return { status: response.status, body: text.slice(0, 10_000) };
  const detail = `${push.endpoint} answered ${response.status}: ${text.slice(0, 500)}`;
  // Outages and throttling pass; a refusal of the content will not change on retry.
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw ApplicationFailure.retryable(detail, 'TARGET_UNAVAILABLE');
  }
  throw ApplicationFailure.nonRetryable(detail, 'TARGET_REJECTED');
}
