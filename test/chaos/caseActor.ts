// One case of the chaos run, driven like a portal, an applicant and caseworkers would: it reads the
// applicant's status and acts on what the phase allows, so restarts and refusals only delay it.
import { DEMO_TOKENS } from '../../demo/seed';
import type { ApiClient } from './api';
import { applicant, attachments, formData, optionalText, text } from './inputs';
import { OFFICE_TOKENS, type BindingPlan } from './plan';
import type { Random } from './prng';

export interface CaseOutcome {
  index: number;
  applicationId: string | undefined;
  plan: BindingPlan;
  /** Rounds whose supplement the case accepted (202). */
  supplementRounds: number[];
  /**
   * Rounds whose supplement was refused with 409 after the client repeated a call that met a restarting API:
   * the first attempt may have been applied, so its messages may or may not exist.
   */
  supplementRoundsUncertain: number[];
  requested: number;
  decided: 'approved' | 'rejected' | undefined;
  objected: boolean;
  /** The objection came after the appeal period (409). */
  objectionTooLate: boolean;
  /** Last phase and text the applicant saw. */
  phase: string;
  status: string;
  text: string;
  /** Answers 4xx to what the forms allow, by "action status detail". */
  refusals: string[];
  done: boolean;
}

export interface ActorOptions {
  api: ApiClient;
  random: Random;
  plan: BindingPlan;
  index: number;
  runId: string;
  /** Document request deadlines in ms from now. */
  requestDeadlineMs: [number, number];
  pollMs: [number, number];
  stopAt: number;
  /** Gets the outcome as soon as it exists, so progress reports can read it while the case runs. */
  onStart?: (outcome: CaseOutcome) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one case until its workflow archived it or the run's time is up. */
export async function runCase(o: ActorOptions): Promise<CaseOutcome> {
  const { api, random, plan } = o;
  const outcome: CaseOutcome = {
    index: o.index,
    applicationId: undefined,
    plan,
    supplementRounds: [],
    supplementRoundsUncertain: [],
    requested: 0,
    decided: undefined,
    objected: false,
    objectionTooLate: false,
    phase: 'not-submitted',
    status: '',
    text: '',
    refusals: [],
    done: false,
  };
  o.onStart?.(outcome);
  const refused = (action: string, answer: { status: number; body: any }) =>
    outcome.refusals.push(
      `${action} ${answer.status} ${answer.body?.type ?? ''} ${String(answer.body?.detail ?? '').slice(0, 160)}`,
    );

  // Intentions drawn up front, so the same seed drives the same case.
  const rounds = random.pick([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
  const answerRound = Array.from({ length: rounds }, () => random.chance(0.8));
  const decision = random.chance(0.6) ? 'approved' : 'rejected';
  const byTask = random.chance(0.6);
  const readsMailbox = random.chance(0.7);
  const objects = random.chance(0.2);
  const officeToken = OFFICE_TOKENS[plan.officeId]!;

  const submission = {
    service: plan.leikaId,
    municipality: plan.ars,
    applicant: applicant(random),
    notificationConsent: { electronic: true, email: true },
    formData: formData(random, plan.bundle),
    ...(random.chance(0.3) ? { attachments: attachments(random, 1) } : {}),
  };
  const accepted = await api.call('POST', '/api/v1/submissions', {
    token: DEMO_TOKENS.portal,
    body: submission,
    headers: { 'Idempotency-Key': `${o.runId}-${o.index}` },
  });
  if (accepted.status !== 202) {
    refused('submit', accepted);
    outcome.phase = 'refused-at-intake';
    return outcome;
  }
  const { applicationId, accessToken } = accepted.body as { applicationId: string; accessToken: string };
  outcome.applicationId = applicationId;
  const path = `/api/v1/applications/${applicationId}`;
  const tasks = async (token: string) =>
    ((await api.call('GET', `/api/v1/tasks?applicationId=${encodeURIComponent(applicationId)}`, { token }))
      .body?.items ?? []) as { id: string; kind: string }[];
  const complete = async (token: string, taskId: string, output: Record<string, unknown>) => {
    const answer = await api.call('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, {
      token,
      body: { output },
    });
    if (answer.status !== 200) refused(`complete ${taskId.split(':').pop()}`, answer);
    return answer.status === 200;
  };
  let readMailbox = false;
  let answeredRequest: string | undefined;

  while (Date.now() < o.stopAt) {
    await sleep(random.int(o.pollMs[0], o.pollMs[1]));
    const s = await api.call('GET', `${path}/status`, { token: accessToken });
    if (s.status !== 200) continue;
    outcome.phase = s.body.phase;
    outcome.status = s.body.status;
    outcome.text = s.body.text;
    switch (s.body.phase as string) {
      case 'participation':
        for (const officeId of plan.participatingOfficeIds) {
          for (const t of (await tasks(OFFICE_TOKENS[officeId]!)).filter((t) => t.kind === 'statement'))
            await complete(OFFICE_TOKENS[officeId]!, t.id, {
              statement: text(random, 1, 2000),
              ...(random.chance(0.5) ? { consent: random.chance(0.7) } : {}),
            });
        }
        break;
      case 'in-review':
      case 'supplement-received':
      case 'deadline-missed': {
        if (outcome.decided) break;
        for (const t of (await tasks(officeToken)).filter((t) => t.kind === 'missed-deadline')) {
          const note = optionalText(random, 2000);
          await complete(officeToken, t.id, note === undefined ? {} : { note });
        }
        if (outcome.requested < rounds) {
          const [min, max] = o.requestDeadlineMs;
          const answer = await api.call('POST', `${path}/document-requests`, {
            token: officeToken,
            body: {
              description: text(random, 3, 2000),
              deadline: new Date(Date.now() + random.int(min, max)).toISOString(),
            },
          });
          if (answer.status === 201) outcome.requested += 1;
          else refused('document-request', answer);
          break;
        }
        // The decision schema asks for one character at least, so whitespace alone is something it allows.
        const reasons = byTask
          ? optionalText(random, 20000)
          : random.chance(0.05)
            ? ' \n '
            : text(random, 1, 20000);
        const review = byTask ? (await tasks(officeToken)).find((t) => t.kind === 'review') : undefined;
        if (byTask && !review) break;
        const ok = review
          ? await complete(
              officeToken,
              review.id,
              reasons === undefined ? { decision } : { decision, reasons },
            )
          : await (async () => {
              const answer = await api.call('POST', `${path}/decision`, {
                token: officeToken,
                body: { decision, reasons },
              });
              if (answer.status !== 200) refused('decision', answer);
              return answer.status === 200;
            })();
        if (ok) outcome.decided = decision;
        else if (outcome.refusals.length > 3) {
          // Refused over and over (e.g. optional reasons the API wants after all): decide with plain reasons.
          const answer = await api.call('POST', `${path}/decision`, {
            token: officeToken,
            body: { decision, reasons: 'Die Voraussetzungen liegen vor.' },
          });
          if (answer.status === 200) outcome.decided = decision;
        }
        break;
      }
      case 'awaiting-documents': {
        const request = (s.body.openRequests as { requestId: string }[])[0];
        if (!request || answeredRequest === request.requestId) break;
        const round = Number(request.requestId.split('/').pop());
        if (!answerRound[round - 1]) break;
        const note = optionalText(random, 5000);
        const answer = await api.call('POST', `${path}/supplements`, {
          token: accessToken,
          body: {
            requestId: request.requestId,
            attachments: attachments(random, 1),
            ...(note === undefined ? {} : { note }),
          },
        });
        if (answer.status === 202) {
          answeredRequest = request.requestId;
          outcome.supplementRounds.push(round);
        } else {
          if (answer.status === 409) outcome.supplementRoundsUncertain.push(round);
          refused('supplement', answer);
        }
        break;
      }
      case 'notice-delivered':
      case 'appeal-period':
        if (readsMailbox && !readMailbox) {
          const listed = await api.call('GET', `${path}/messages`, { token: accessToken });
          // Listing does not retrieve a notice; opening its document does (§ 41 (2a) VwVfG).
          const notice = (listed.body?.items ?? [])
            .find((m: { kind: string }) => m.kind === 'notice')
            ?.documents.find((d: { id: string }) => d.id.endsWith('/notice.pdf'));
          readMailbox =
            listed.status === 200 &&
            notice !== undefined &&
            (
              await api.call('GET', `${path}/documents/${encodeURIComponent(notice.id)}`, {
                token: accessToken,
              })
            ).status === 200;
        }
        if (objects && !outcome.objected && !outcome.objectionTooLate) {
          const answer = await api.call('POST', `${path}/objection`, {
            token: accessToken,
            body: { reasons: text(random, 1, 20000) },
          });
          if (answer.status === 202) outcome.objected = true;
          else {
            refused('objection', answer);
            outcome.objectionTooLate = answer.status === 409;
          }
        }
        break;
      case 'objection':
        for (const t of (await tasks(officeToken)).filter((t) => t.kind === 'objection-review')) {
          const reasons = optionalText(random, 20000);
          await complete(officeToken, t.id, {
            outcome: random.pick(['remedied', 'rejected', 'forwarded']),
            ...(reasons === undefined ? {} : { reasons }),
          });
        }
        break;
      case 'archived':
        outcome.done = true;
        return outcome;
      default:
        break;
    }
  }
  return outcome;
}
