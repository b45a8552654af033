// Process models both BPMN suites run: the engine without a server (test/bpmn-engine) case by case, the
// interpreter on the real Temporal server (test/bpmn-interpreter) one case per kind. One definition each, so the
// two suites cannot drift apart on what they call the same model.
import type { ProcessDefinition, Scope } from '../../workflows/bpmn/model';
import { duration, el, processDef, scope } from '../bpmn-interpreter/support/builder';

/** Exclusive gateway on `amount`: > 1000 ends at "high", > 0 at "low", else the default "other". */
export const exclusiveByAmount = (): ProcessDefinition =>
  processDef(
    'xor',
    [el.start('s'), el.xor('gw'), el.end('high'), el.end('low'), el.end('other')],
    [
      's->gw',
      ['gw', 'high', { condition: '=amount > 1000' }],
      ['gw', 'low', { condition: '=amount > 0' }],
      ['gw', 'other', { isDefault: true }],
    ],
  );

/** Parallel fork to service tasks a and b (type "slow"), join, then "after" (type "mark"). */
export const parallelForkJoin = (): ProcessDefinition =>
  processDef(
    'and',
    [
      el.start('s'),
      el.and('fork'),
      el.service('a', 'slow'),
      el.service('b', 'slow'),
      el.and('join'),
      el.service('after', 'mark'),
      el.end('e'),
    ],
    ['s->fork', 'fork->a', 'fork->b', 'a->join', 'b->join', 'join->after', 'after->e'],
  );

/**
 * Inclusive fork: service task a if wantA, user task b if wantB, service task c by default (a and c of
 * `taskType`); inclusive join, then "after" (type "mark").
 */
export const inclusiveForkJoin = (taskType: string): ProcessDefinition =>
  processDef(
    'or',
    [
      el.start('s'),
      el.or('fork'),
      el.service('a', taskType),
      el.user('b'),
      el.service('c', taskType),
      el.or('join'),
      el.service('after', 'mark'),
      el.end('e'),
    ],
    [
      's->fork',
      ['fork', 'a', { condition: '=wantA' }],
      ['fork', 'b', { condition: '=wantB' }],
      ['fork', 'c', { isDefault: true }],
      'a->join',
      'b->join',
      'c->join',
      'join->after',
      'after->e',
    ],
  );

/** Event-based gateway: message "reply" (correlated by caseId) ends at "answered", the timer at "timedOut". */
export const messageTimerRace = (limit: string): ProcessDefinition =>
  processDef(
    'race',
    [
      el.start('s'),
      el.eventGateway('gw'),
      el.message('reply', 'reply', '=caseId'),
      el.timer('timeout', duration(limit)),
      el.end('answered'),
      el.end('timedOut'),
    ],
    ['s->gw', 'gw->reply', 'gw->timeout', 'reply->answered', 'timeout->timedOut'],
  );

/** Service task "lookup" (type register-lookup) with an error boundary for NOT_REGISTERED and a code-less one. */
export const errorBoundaries = (): ProcessDefinition =>
  processDef(
    'errors',
    [
      el.start('s'),
      el.service('lookup', 'register-lookup'),
      el.boundary('notRegistered', 'lookup', { type: 'error', code: 'NOT_REGISTERED' }),
      el.boundary('anyError', 'lookup', { type: 'error' }),
      el.end('ok'),
      el.end('rejected'),
      el.end('technical'),
    ],
    ['s->lookup', 'lookup->ok', 'notRegistered->rejected', 'anyError->technical'],
  );

/** Service, send, business-rule and script tasks, an undefined and a manual task, in a chain. */
export const serviceLikeChain = (): ProcessDefinition =>
  processDef(
    'chain',
    [
      el.start('s'),
      el.service('lookup', 'register-lookup'),
      { id: 'mail', kind: 'sendTask', taskType: 'send-mail', headers: { template: 'receipt' }, retries: 1 },
      { id: 'rule', kind: 'businessRuleTask', taskType: 'score', headers: {}, retries: 1 },
      { id: 'script', kind: 'scriptTask', script: { expression: '=score + 1', resultVariable: 'total' } },
      el.task('nothing'),
      { id: 'manual', kind: 'manualTask' },
      el.end('e'),
    ],
    [
      's->lookup',
      'lookup->mail',
      'mail->rule',
      'rule->script',
      'script->nothing',
      'nothing->manual',
      'manual->e',
    ],
  );

/** Embedded sub-process "verifyAll" running service task "verify" (type check); upload in as document, checked out as result. */
export const subProcessWithMappings = (): ProcessDefinition =>
  processDef(
    'sub',
    [
      el.start('s'),
      el.sub(
        'verifyAll',
        scope(
          'inner',
          [el.start('is'), el.service('verify', 'check'), el.end('ie')],
          ['is->verify', 'verify->ie'],
        ),
        {
          ioMapping: {
            inputs: [{ source: '=upload', target: 'document' }],
            outputs: [{ source: '=checked', target: 'result' }],
          },
        },
      ),
      el.end('e'),
    ],
    ['s->verifyAll', 'verifyAll->e'],
  );

/** Parallel multi-instance service task "verify" (of `taskType`) over documents, outputs collected as results. */
export const parallelMultiInstance = (taskType: string): ProcessDefinition =>
  processDef(
    'miPar',
    [
      el.start('s'),
      el.service('verify', taskType, {
        multiInstance: {
          sequential: false,
          inputCollection: '=documents',
          inputElement: 'document',
          outputCollection: 'results',
          outputElement: '=checked',
        },
      }),
      el.end('e'),
    ],
    ['s->verify', 'verify->e'],
  );

/** A start event whose output mappings set referenceId (from the FEEL `reference`) and channel "fixed". */
export const startEventOutputs = (reference: string): ProcessDefinition =>
  processDef(
    'startOut',
    [
      {
        ...el.start('s'),
        ioMapping: {
          inputs: [],
          outputs: [
            { source: reference, target: 'referenceId' },
            { source: 'fixed', target: 'channel' },
          ],
        },
      } as never,
      el.end('e'),
    ],
    ['s->e'],
  );

/** Event sub-process body: message "withdraw" (correlated by caseId) starts it, service task "tell" (notify). */
export const withdrawalHandler = (interrupting: boolean): Scope =>
  scope(
    'onWithdraw',
    [
      el.start(
        'ws',
        { type: 'message', message: { name: 'withdraw', correlationKey: '=caseId' } },
        interrupting,
      ),
      el.service('tell', 'notify'),
      el.end('we'),
    ],
    ['ws->tell', 'tell->we'],
  );

/** User task "review" with an interrupting boundary timer "late" after `limit`, ending at "overdue". */
export const reviewDeadline = (limit: string): ProcessDefinition =>
  processDef(
    'deadline',
    [
      el.start('s'),
      el.user('review'),
      el.boundary('late', 'review', { type: 'timer', timer: duration(limit) }),
      el.end('done'),
      el.end('overdue'),
    ],
    ['s->review', 'review->done', 'late->overdue'],
  );
