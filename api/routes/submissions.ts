import crypto from 'node:crypto';
import { route } from '../route';
import type { AppDeps } from '../deps';
import { Problem } from '../problems';
import { hashToken, newToken } from '../auth';
import { problemSchema } from '../schemas/common';
import { submissionAcceptedSchema, submissionSchema, type SubmissionBody } from '../schemas/submission';
import { acceptApplication, addApplicantToken } from '../../db/applications';
import { startApplication } from '../startApplication';
import { decodeAttachments } from '../attachments';
import { assertValid } from '../validate';
import { assertEnvelopeFits, assertXmlOnlyIsReadable } from '../deliverability';
import { resolveRoute } from '../../db/routing';
import { assertAcceptsSubmission } from '../goLiveGate';
import { assertSafeXml, UnsafeXmlError } from '../../platform/safeXml';
import { tradeCodeErrors } from '../../rules/xgewerbeanzeige/codeLists';

/** A trade form's code values (legal form, nationality, gender) must come from their code lists. */
function assertTradeCodes(formData: Record<string, unknown>): void {
  const errors = tradeCodeErrors(formData);
  if (errors.length)
    throw new Problem(
      'validation-failed',
      errors.join('; '),
      errors.map((message) => ({ path: `body.${message.split(/[ :]/)[0]!}`, message })),
    );
}

export function submissionRoutes({ pool, temporal, config, metrics }: AppDeps) {
  return [
    route<SubmissionBody>({
      method: 'post',
      path: '/api/v1/submissions',
      tag: 'intake',
      roles: ['portal'],
      summary: 'Submit one application; answers 202 once it is durably stored and its workflow started',
      body: submissionSchema,
      headers: {
        'Idempotency-Key': {
          description: 'The same key again answers the same application, never a second one',
          pattern: '^[\\x21-\\x7e]{1,200}$',
          maxLength: 200,
        },
      },
      responses: {
        202: {
          description: 'Accepted (or the same application again for a repeated Idempotency-Key)',
          schema: submissionAcceptedSchema,
        },
        409: { description: 'Idempotency-Key used before for a different request', schema: problemSchema },
        422: { description: 'Invalid application', schema: problemSchema },
      },
      handler: async ({ body, req }) => {
        const idempotencyKey = req.header('Idempotency-Key') ?? undefined;
        if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
          throw new Problem('invalid-request', 'Idempotency-Key must be 1-200 visible ASCII characters');
        }
        const decision = await resolveRoute(pool, body.service, body.municipality);
        await assertAcceptsSubmission(pool, body.municipality, body.service, body.test === true);
        const service = await pool.query('SELECT form_schema FROM services WHERE leika_id = $1', [
          body.service,
        ]);
        const formSchema = service.rows[0]?.form_schema as object | null;
        if (body.formData && formSchema) assertValid(formSchema, body.formData, 'body.formData');
        if (body.formData && decision.bundle === 'trade') assertTradeCodes(body.formData);
        if (body.xmlDocument) {
          try {
            assertSafeXml(body.xmlDocument, 2_000_000);
          } catch (e) {
            if (e instanceof UnsafeXmlError)
              throw new Problem('unsafe-xml', `body.xmlDocument: ${e.message}`);
            throw e;
          }
        }
        const attachments = decodeAttachments(body.attachments ?? [], 'body.attachments');
        const content = { ...body, attachments };
        assertEnvelopeFits(decision, content);
        await assertXmlOnlyIsReadable(pool, decision, content);
        const token = newToken();
        const result = await acceptApplication(pool, {
          idempotencyKey,
          requestHash: crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'),
          leikaId: body.service,
          ars: body.municipality,
          applicant: body.applicant,
          notificationConsent: body.notificationConsent,
          formData: body.formData,
          xmlDocument: body.xmlDocument,
          attachments,
          accessTokenHash: hashToken(token),
          test: body.test === true,
        });
        if (result.kind === 'key-conflict') {
          throw new Problem(
            'idempotency-key-reused',
            `Idempotency-Key "${idempotencyKey}" belongs to application ${result.id} with different content; use a new key.`,
          );
        }
        if (result.kind === 'replayed') await addApplicantToken(pool, result.id, hashToken(token));
        await startApplication(temporal, pool, config, {
          id: result.id,
          leikaId: body.service,
          ars: body.municipality,
        });
        metrics.submissions.inc({ outcome: result.kind });
        return {
          status: 202,
          headers: { Location: `/api/v1/applications/${result.id}/status` },
          body: {
            applicationId: result.id,
            accessToken: token,
            statusUrl: `/api/v1/applications/${result.id}/status`,
            replayed: result.kind === 'replayed',
          },
        };
      },
    }),
  ];
}
