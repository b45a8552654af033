// One fixture per verdict defect of issue 13.1, written from the BPMN 2.0 schema and bpmn-moddle's reading of it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../../bpmn/parse';
import { buildReport, type ImportReport } from '../../bpmn/report';
import { compileModel } from '../../bpmn/compile';
import type { UserTask } from '../../workflows/bpmn/model';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" ' +
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:vendor="urn:example:vendor"';

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="defs" targetNamespace="urn:test">${body}</bpmn:definitions>`;
const process = (inner: string, id = 'p', attrs = 'isExecutable="true"') =>
  `<bpmn:process id="${id}" ${attrs}>${inner}</bpmn:process>`;
const flow = (id: string, from: string, to: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

async function load(xml: string) {
  const parsed = await parseBpmn([{ filename: 'fixture.bpmn', xml }]);
  return { parsed, report: buildReport(parsed) };
}
const codes = (report: ImportReport, severity: string) =>
  report.findings
    .filter((f) => f.severity === severity)
    .map((f) => `${f.code} ${f.elementId}`)
    .sort();

describe('event definitions given by reference (eventDefinitionRef)', () => {
  it('a signal start defined at root level runs as a signal start, not as a plain start', async () => {
    const { parsed, report } = await load(
      definitions(
        '<bpmn:signal id="sig" name="Alarm"/><bpmn:signalEventDefinition id="sigDef" signalRef="sig"/>' +
          process(
            // The case starts at the none start; the signal start starts further instances.
            '<bpmn:startEvent id="n"/><bpmn:startEvent id="s"><bpmn:eventDefinitionRef>sigDef</bpmn:eventDefinitionRef></bpmn:startEvent>' +
              '<bpmn:endEvent id="e"/>' +
              flow('f0', 'n', 'e') +
              flow('f1', 's', 'e'),
          ),
      ),
    );
    expect(codes(report, 'blocking')).toEqual([]);
    const elements = compileModel(parsed, report).processes.p!.elements;
    expect(elements.s).toMatchObject({ trigger: { type: 'signal' } });
    expect(JSON.stringify(elements.s)).toContain('Alarm');
  });

  it('an error end and a timer catch by reference compile with their trigger', async () => {
    const { parsed, report } = await load(
      definitions(
        '<bpmn:error id="err" errorCode="E42" name="Abbruch"/><bpmn:errorEventDefinition id="errDef" errorRef="err"/>' +
          '<bpmn:timerEventDefinition id="timerDef"><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition>' +
          process(
            '<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:eventDefinitionRef>timerDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>' +
              '<bpmn:endEvent id="e"><bpmn:eventDefinitionRef>errDef</bpmn:eventDefinitionRef></bpmn:endEvent>' +
              flow('f1', 's', 'wait') +
              flow('f2', 'wait', 'e'),
          ),
      ),
    );
    expect(codes(report, 'blocking')).toEqual([]);
    const elements = compileModel(parsed, report).processes.p!.elements;
    expect(elements.wait).toMatchObject({
      trigger: { type: 'timer', timer: { kind: 'duration', expression: 'PT5M' } },
    });
    expect(elements.e).toMatchObject({ trigger: { type: 'error', code: 'E42' } });
  });

  it('an event-based gateway leading to catch events defined by reference is no false finding', async () => {
    const { report } = await load(
      definitions(
        '<bpmn:message id="m" name="Antwort"/><bpmn:messageEventDefinition id="msgDef" messageRef="m"/>' +
          '<bpmn:timerEventDefinition id="timerDef"><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition>' +
          process(
            '<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/>' +
              '<bpmn:intermediateCatchEvent id="answer"><bpmn:eventDefinitionRef>msgDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>' +
              '<bpmn:intermediateCatchEvent id="late"><bpmn:eventDefinitionRef>timerDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>' +
              '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>' +
              flow('f1', 's', 'g') +
              flow('f2', 'g', 'answer') +
              flow('f3', 'g', 'late') +
              flow('f4', 'answer', 'e1') +
              flow('f5', 'late', 'e2'),
          ),
      ),
    );
    expect(report.findings.filter((f) => f.code === 'event-gateway-target')).toEqual([]);
    // the message is found through the reference, so what is missing is the correlation key, not the name
    expect(codes(report, 'blocking')).toEqual(['message-without-correlation-key answer']);
  });
});

describe('conditions must be FEEL', () => {
  const gateway = (conditions: string[]) =>
    definitions(
      process(
        '<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/>' +
          conditions.map((_, i) => `<bpmn:endEvent id="e${i}"/>`).join('') +
          flow('f', 's', 'g') +
          conditions.map((c, i) => flow(`c${i}`, 'g', `e${i}`, c)).join(''),
      ),
    );

  it('accepts Zeebe conditions with a leading = and plain FEEL', async () => {
    const { report } = await load(gateway(['= amount &gt; 100', 'amount &lt;= 100', '= approved']));
    expect(codes(report, 'blocking')).toEqual([]);
  });

  it('reports labels, placeholders and links as not executable with their own code', async () => {
    const { report } = await load(
      gateway([
        'ja',
        'nein',
        'Normaler Versand',
        '_undefined',
        'https://glossar.example/versand',
        '= Normaler Versand',
      ]),
    );
    expect(codes(report, 'blocking')).toEqual(
      ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((id) => `condition-is-label ${id}`),
    );
    expect(report.executable).toBe(false);
  });

  it('reports FEEL syntax errors and JUEL apart', async () => {
    const { report } = await load(gateway(["Service Level == 'Premium'", '${amount > 1}']));
    expect(codes(report, 'blocking')).toEqual(['condition-not-feel c0', 'expression-not-feel c1']);
  });
});

describe('user task assignment and forms are kept', () => {
  it('potentialOwner, candidateUsers and a vendor form key reach the compiled task with a finding', async () => {
    const { parsed, report } = await load(
      definitions(
        process(
          '<bpmn:startEvent id="s"/>' +
            '<bpmn:userTask id="approve" name="Urlaub genehmigen" vendor:formKey="ApproveVacation"><bpmn:potentialOwner id="po"><bpmn:resourceAssignmentExpression id="rae"><bpmn:formalExpression>group(manager), user(anna)</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner></bpmn:userTask>' +
            '<bpmn:userTask id="check" camunda:candidateUsers="bert, carla" camunda:candidateGroups="office"/>' +
            '<bpmn:endEvent id="e"/>' +
            flow('f1', 's', 'approve') +
            flow('f2', 'approve', 'check') +
            flow('f3', 'check', 'e'),
        ),
      ),
    );
    expect(report.executable).toBe(true);
    expect(codes(report, 'info')).toContain('assignment-kept approve');
    const elements = compileModel(parsed, report).processes.p!.elements;
    expect(elements.approve as UserTask).toMatchObject({
      candidateGroups: ['manager'],
      candidateUsers: ['anna'],
      formKey: 'ApproveVacation',
    });
    expect(elements.check as UserTask).toMatchObject({
      candidateGroups: ['office'],
      candidateUsers: ['bert', 'carla'],
    });
  });
});

describe('reachability, lost content, pools and start events', () => {
  it('reports a node no flow from a start event reaches', async () => {
    const { report } = await load(
      definitions(
        process(
          '<bpmn:startEvent id="s"/><bpmn:task id="orphan" name="Vergessen"/><bpmn:task id="after"/><bpmn:endEvent id="e"/>' +
            flow('f1', 's', 'e') +
            flow('f2', 'orphan', 'after'),
        ),
      ),
    );
    expect(codes(report, 'warning')).toEqual(['unreachable after', 'unreachable orphan']);
    expect(report.executable).toBe(true);
  });

  it('lost documentation, layout or vendor content warns; a lost process element blocks', async () => {
    const body = (extra: string, diagram = '') =>
      definitions(
        process(
          `<bpmn:startEvent id="s"><bpmn:documentation><b>fett</b></bpmn:documentation></bpmn:startEvent>${extra}<bpmn:endEvent id="e"/>` +
            flow('f1', 's', 'e'),
        ) + diagram,
      );
    const harmless = await load(
      body(
        '<vendor:note>Hinweis</vendor:note>',
        '<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p"><bpmndi:Unknown/></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>',
      ),
    );
    const lost = harmless.report.findings.filter((f) => f.code === 'unparsable-content');
    expect(lost.length).toBe(3);
    expect(lost.every((f) => f.severity === 'warning')).toBe(true);
    expect(harmless.report.executable).toBe(true);
    const harmful = await load(body('<bpmn:frobnicateTask id="x"/>'));
    expect(
      harmful.report.findings.filter((f) => f.code === 'unparsable-content').map((f) => f.severity),
    ).toEqual(['warning', 'blocking']);
    expect(harmful.report.executable).toBe(false);
  });

  it('findings in a pool that never runs do not block', async () => {
    const { parsed, report } = await load(
      definitions(
        process('<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>' + flow('f1', 's', 'e'), 'main', '') +
          process(
            '<bpmn:startEvent id="s2"/><bpmn:complexGateway id="cx"/><bpmn:endEvent id="e2"/>' +
              flow('f2', 's2', 'cx') +
              flow('f3', 'cx', 'e2'),
            'other',
            '',
          ),
      ),
    );
    expect(report.executable).toBe(true);
    expect(report.findings.find((f) => f.code === 'unsupported-element')).toMatchObject({
      severity: 'warning',
      elementId: 'cx',
    });
    expect(report.processes.map((p) => [p.id, p.run])).toEqual([
      ['main', true],
      ['other', false],
    ]);
    expect(Object.keys(compileModel(parsed, report).processes)).toEqual(['main']);
  });

  it('a process with only a message start runs; a called process needs a none start', async () => {
    const messageStart =
      '<bpmn:startEvent id="ms"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="me"/>' +
      flow('mf', 'ms', 'me');
    const alone = await load(definitions('<bpmn:message id="m" name="Antrag"/>' + process(messageStart)));
    expect(codes(alone.report, 'blocking')).toEqual([]);
    const called = await load(
      definitions(
        '<bpmn:message id="m" name="Antrag"/>' +
          process(
            '<bpmn:startEvent id="s"/><bpmn:callActivity id="call" calledElement="sub"/><bpmn:endEvent id="e"/>' +
              flow('f1', 's', 'call') +
              flow('f2', 'call', 'e'),
            'main',
          ) +
          process(messageStart, 'sub'),
      ),
    );
    expect(codes(called.report, 'blocking')).toEqual(['no-none-start-event sub']);
    const none = await load(definitions(process('<bpmn:task id="t"/>')));
    expect(codes(none.report, 'blocking')).toEqual(['no-start-event p']);
  });
});

describe('docs/bpmn-import.md', () => {
  it('has a row for every finding code the importer emits', () => {
    const root = path.resolve(__dirname, '../..');
    const docs = fs.readFileSync(path.join(root, 'docs/bpmn-import.md'), 'utf8');
    const emitted = new Set<string>();
    // vendor notes (vendorNotes.ts) are tallies, not findings; formatReport.ts only orders severities
    const sources = fs
      .readdirSync(path.join(root, 'bpmn'))
      .filter((f) => f.endsWith('.ts') && !['vendorNotes.ts', 'formatReport.ts'].includes(f));
    for (const file of sources) {
      const source = fs.readFileSync(path.join(root, 'bpmn', file), 'utf8');
      for (const m of source.matchAll(/'(?:blocking|warning|info)',\s*'([a-z0-9-]+)'/g)) emitted.add(m[1]!);
      for (const m of source.matchAll(/\bcode: '([a-z0-9-]+)'/g)) emitted.add(m[1]!);
    }
    expect(emitted.size).toBeGreaterThan(40);
    const missing = [...emitted].filter((code) => !docs.includes(`<a id="${code}"></a>\`${code}\``));
    expect(missing).toEqual([]);
  });
});

describe('event-based gateway targets', () => {
  it('a conditional catch after an event-based gateway blocks on its own finding only', async () => {
    const { report } = await load(
      definitions(
        process(
          '<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/>' +
            '<bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition><bpmn:condition>= ready</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>' +
            '<bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>' +
            '<bpmn:task id="t"/><bpmn:endEvent id="e"/>' +
            flow('f1', 's', 'g') +
            flow('f2', 'g', 'cond') +
            flow('f3', 'g', 'late') +
            flow('f4', 'g', 't') +
            flow('f5', 'cond', 'e') +
            flow('f6', 'late', 'e') +
            flow('f7', 't', 'e'),
        ),
      ),
    );
    // the task is no allowed target; the conditional event is, but cannot run
    expect(codes(report, 'blocking')).toEqual([
      'event-gateway-target g',
      'unsupported-event-definition cond',
    ]);
    expect(report.findings.find((f) => f.code === 'event-gateway-target')?.message).toContain('Flow f4');
  });
});
