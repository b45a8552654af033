// Given rules that run away (a doubly recursive template, a sequence that fills the heap), when they run on
// the test endpoint or in a delivery, then their thread is stopped at its limit, the API stays responsive
// and other applications are still delivered meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../support/testHub';
import { request } from '../support/http';
import { submit, tradeSubmission, TRADE_REGISTRATION } from '../lifecycle/caseDriver';
import { configureRuleThreads } from '../../rules/rulePool';

// Long enough for another case to be routed and delivered meanwhile, even on a busy machine.
const TIMEOUT_MS = 10_000;
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema"';

// 2^60 template calls at a stack depth of 60: it neither overflows the stack nor ends.
const RUNAWAY = `<xsl:stylesheet version="3.0" ${XSL}>
  <xsl:template match="/"><out><xsl:call-template name="spin"><xsl:with-param name="n" select="0"/></xsl:call-template></out></xsl:template>
  <xsl:template name="spin"><xsl:param name="n" as="xs:integer"/>
    <xsl:if test="$n lt 60">
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>`;

// Thirty million strings held in one variable: far beyond a heap of 96 MB per rule thread.
const MEMORY_HOG = `<xsl:stylesheet version="3.0" ${XSL}>
  <xsl:template match="/"><xsl:variable name="big" select="for $i in 1 to 30000000 return string($i)"/>
    <out><xsl:value-of select="count($big) + string-length($big[last()])"/></out></xsl:template>
</xsl:stylesheet>`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('isolated rule execution', () => {
  let hub: TestHub;
  const uploaded: Record<string, string> = {};

  async function upload(name: string, xslt: string, targetFormat: string): Promise<string> {
    const answer = await hub.call('POST', '/api/v1/admin/rules', {
      body: { leikaId: TRADE_REGISTRATION, messageType: 'application', targetFormat, xslt, note: name },
    });
    expect(answer.status).toBe(201);
    uploaded[name] = answer.body.id;
    return answer.body.id;
  }

  async function protocolAt(applicationId: string, step: string): Promise<Date | undefined> {
    const rows = await hub.pool.query<{ at: Date }>(
      `SELECT at FROM protocol WHERE application_id = $1 AND step = $2 AND outcome = 'ok' ORDER BY at LIMIT 1`,
      [applicationId, step],
    );
    return rows.rows[0]?.at;
  }

  beforeAll(async () => {
    hub = await startTestHub({
      config: { ruleThreads: { threads: 2, timeoutMs: TIMEOUT_MS, compileTimeoutMs: 60_000, memoryMb: 256 } },
    });
    await upload('runaway', RUNAWAY, 'json');
    await upload('memory', MEMORY_HOG, 'json');
    // One case through first, so the measured case meets warm rule threads, as in operation.
    const warm = await submit(hub, tradeSubmission());
    await eventually(() => protocolAt(warm.applicationId, 'deliver'), 30_000, 'warm-up delivery');
  });
  afterAll(async () => hub?.stop());

  /** Polls /healthz back to back until `done`, so a percentile rests on hundreds of requests. */
  async function pollHealth(done: () => boolean): Promise<number[]> {
    const latencies: number[] = [];
    while (!done()) {
      const t = performance.now();
      const health = await request('GET', `${hub.apiUrl}/healthz`);
      if (!done()) latencies.push(performance.now() - t);
      expect(health.status).toBe(200);
    }
    return latencies;
  }

  const summary = (latencies: number[]) =>
    `${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`;

  it('stops a runaway rule on the test endpoint with 422 rule-timeout; /healthz stays fast and another application is delivered meanwhile', async () => {
    // given the machine's own /healthz latency while an ordinary application is delivered, without a runaway
    const baselineCase = await submit(hub, tradeSubmission());
    const baselineEnd = Date.now() + 4000;
    const baseline = await pollHealth(() => Date.now() > baselineEnd);
    expect(await protocolAt(baselineCase.applicationId, 'deliver')).toBeDefined();
    // and a rule that would run for ever, started on the test endpoint
    const started = Date.now();
    const runaway = hub.call('POST', `/api/v1/admin/rules/${uploaded.runaway}/test`, {
      body: { sample: { name: 'Erika' } },
    });
    let answered: number | undefined;
    void runaway.then(() => (answered = Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // when an ordinary application arrives and /healthz is polled while the rule runs
    const other = await submit(hub, tradeSubmission());
    const latencies = await pollHealth(() => answered !== undefined);
    const answer = await runaway;
    // then the rule was stopped at its limit, not before, and said so
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:drehscheibe:problem:rule-timeout');
    expect(answer.body.detail).toMatch(new RegExp(`time limit of ${TIMEOUT_MS} ms`));
    expect(answered! - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    // and /healthz answered throughout (a rule on the event loop would hold every request for 10 s):
    // p99 under 50 ms; only where the machine misses that without any runaway (other processes on the
    // shared 2-core machine) the bound is twice the p99 measured just before in the same run
    console.log(`[rule isolation] /healthz without a runaway: ${summary(baseline)}`);
    console.log(`[rule isolation] /healthz during a runaway rule: ${summary(latencies)}`);
    expect(latencies.length).toBeGreaterThan(200);
    expect(percentile(latencies, 50)).toBeLessThan(10);
    expect(percentile(latencies, 99)).toBeLessThan(Math.max(50, 2 * percentile(baseline, 99)));
    // and the other application was delivered to its Fachverfahren before the runaway was stopped
    const delivered = await eventually(() => protocolAt(other.applicationId, 'deliver'), 30_000, 'delivery');
    expect(delivered.getTime()).toBeLessThan(answered!);
    expect(delivered.getTime()).toBeGreaterThan(started);
  });

  it('stops a rule that fills its heap with 422 rule-memory, and the next rule runs on a fresh thread', async () => {
    // given threads with a small heap and time enough to fill it (V8 fights for its last megabytes)
    configureRuleThreads({ ...hub.config.ruleThreads, memoryMb: 96, timeoutMs: 60_000 });
    try {
      const answer = await hub.call('POST', `/api/v1/admin/rules/${uploaded.memory}/test`, {
        body: { sample: { name: 'Erika' } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.type).toBe('urn:drehscheibe:problem:rule-memory');
      expect(answer.body.detail).toMatch(/memory limit of 96 MB/);
    } finally {
      configureRuleThreads(hub.config.ruleThreads);
    }

    const active = await hub.call('GET', `/api/v1/admin/rules?leikaId=${TRADE_REGISTRATION}`);
    const shipped = active.body.items.find(
      (r: any) => r.active && r.messageType === 'application' && r.targetFormat === 'json',
    );
    const ordinary = await hub.call('POST', `/api/v1/admin/rules/${shipped.id}/test`, {
      body: { sample: tradeSubmission().formData },
    });
    expect(ordinary.status).toBe(200);
    expect(ordinary.body.ok).toBe(true);
  });

  it('fails a delivery whose active rule runs away once, without retries, as rule-timeout; the case waits for an administrator', async () => {
    // given the runaway rule active for the Fachverfahren format of trade registrations in the demo municipality
    const runaway = await upload('runaway-xgewerbeanzeige', RUNAWAY, 'xgewerbeanzeige');
    expect((await hub.call('POST', `/api/v1/admin/rules/${runaway}/activate`)).status).toBe(200);
    try {
      // when an application arrives
      const c = await submit(hub, tradeSubmission());
      // then its delivery is given up after one attempt and the case waits at an incident of type rule-timeout
      const incident = await eventually(
        async () =>
          (
            (
              await hub.call(
                'GET',
                `/api/v1/admin/incidents?applicationId=${encodeURIComponent(c.applicationId)}&state=open`,
              )
            ).body as { items: { step: string; errorType: string; message: string }[] }
          ).items[0],
        60_000,
        'the incident of the failed delivery',
      );
      expect(incident).toMatchObject({ step: 'deliver-fachverfahren', errorType: 'rule-timeout' });
      const transforms = await hub.pool.query(
        `SELECT detail FROM protocol WHERE application_id = $1 AND step = 'transform' AND outcome = 'error'`,
        [c.applicationId],
      );
      expect(transforms.rows.map((r) => r.detail.type)).toEqual(['rule-timeout']);
    } finally {
      await hub.call('POST', '/api/v1/admin/rules/rollback', {
        body: { leikaId: TRADE_REGISTRATION, messageType: 'application', targetFormat: 'xgewerbeanzeige' },
      });
    }
  });

  it('checks the service of a BPMN import before any file is parsed', async () => {
    // given a file that is no XML at all, for a service that does not exist
    const answer = await hub.call('POST', '/api/v1/admin/process-models', {
      body: { leikaId: '99999999999999', files: [{ filename: 'x.bpmn', xml: '<<< not xml' }] },
    });
    // then the cheap check answers, not the parser
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:drehscheibe:problem:unknown-service');
  });
});
