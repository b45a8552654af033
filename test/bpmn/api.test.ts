import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/testHub';
import { DEMO_TOKENS } from '../../demo/seed';
import { DEMO_MUNICIPALITIES } from '../../demo/servers/testPersons';
import { CORPUS, TRADE_DEFAULT, source } from './load';

const BASE = '/api/v1/admin/process-models';
const SERVICE = '99050012104000';
const RADEBEUL = DEMO_MUNICIPALITIES.radebeul.ars;

describe('admin API of the process-model depot', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ parts: { api: true, worker: false }, demo: false });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('imports, lists, shows, serves the diagram and activates a version', async () => {
    // when an administrator imports the shipped trade model
    const file = source(TRADE_DEFAULT);
    const created = await hub.call('POST', BASE, {
      body: { leikaId: SERVICE, name: 'Gewerbe Standard', files: [file] },
    });
    // then it is stored as version 1 with its report
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      leikaId: SERVICE,
      ars: null,
      version: 1,
      name: 'Gewerbe Standard',
      executable: true,
    });
    expect(created.body.report).toMatchObject({
      executable: true,
      mainProcessId: 'trade-default',
      taskTypes: ['register-lookup', 'request-documents'],
    });
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`${BASE}/${id}`);

    const list = await hub.call('GET', `${BASE}?leikaId=${SERVICE}`);
    expect(list.body.items.map((m: any) => m.id)).toContain(id);
    expect((await hub.call('GET', `${BASE}?leikaId=99050012104001`)).body.items).toEqual([]);

    const shown = await hub.call('GET', `${BASE}/${id}`);
    expect(shown.body.files).toBeUndefined();
    expect(shown.body.compiled).toEqual({
      mainProcessId: 'trade-default',
      processes: [{ id: 'trade-default', name: 'Gewerbe: Standardbearbeitung', elements: 11 }],
    });
    expect(shown.body.report.counts.findings.blocking).toBe(0);

    const diagram = await fetch(`${hub.apiUrl}${BASE}/${id}/diagram`, {
      headers: { authorization: `Bearer ${DEMO_TOKENS.admin}` },
    });
    expect(diagram.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await diagram.text()).toBe(file.xml);

    // when it is activated for Radebeul only
    const activated = await hub.call('POST', `${BASE}/${id}/activate`, { body: { ars: RADEBEUL } });
    expect(activated.status).toBe(200);
    expect(activated.body.activeFor).toEqual([RADEBEUL]);
  });

  it('stores a non-executable import with its blocking findings and refuses to activate it', async () => {
    const files = [source(path.join(CORPUS, 'miwg-reference', 'C.9.0.bpmn'))];
    const created = await hub.call('POST', BASE, { body: { leikaId: SERVICE, files } });
    expect(created.status).toBe(201);
    expect(created.body.executable).toBe(false);
    expect(
      created.body.report.findings.filter((f: any) => f.severity === 'blocking').map((f: any) => f.code),
    ).toContain('call-target-missing');
    const refused = await hub.call('POST', `${BASE}/${created.body.id}/activate`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/blocking finding/);
  });

  it('answers 422 bpmn-invalid with line and column for malformed XML, 422 unsafe-xml for a DOCTYPE', async () => {
    const broken = await hub.call('POST', BASE, {
      body: {
        leikaId: SERVICE,
        files: [
          {
            filename: 'broken.bpmn',
            xml: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p">\n</bpmn:definitions>',
          },
        ],
      },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.type).toBe('urn:drehscheibe:problem:bpmn-invalid');
    expect(broken.body.detail).toMatch(/broken\.bpmn \(line 3, column \d+\)/);
    const doctype = await hub.call('POST', BASE, {
      body: {
        leikaId: SERVICE,
        files: [
          { filename: 'x.bpmn', xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>' },
        ],
      },
    });
    expect(doctype.status).toBe(422);
    expect(doctype.body.type).toBe('urn:drehscheibe:problem:unsafe-xml');
  });

  it('is for administrators only and validates the request', async () => {
    const body = { leikaId: SERVICE, files: [source(TRADE_DEFAULT)] };
    expect((await hub.call('POST', BASE, { token: DEMO_TOKENS.caseworker, body })).status).toBe(403);
    expect((await hub.call('GET', BASE, { token: null })).status).toBe(401);
    expect((await hub.call('POST', BASE, { body: { leikaId: '12', files: [] } })).status).toBe(422);
    expect((await hub.call('POST', BASE, { body: { ...body, leikaId: '99999999999999' } })).body.type).toBe(
      'urn:drehscheibe:problem:unknown-service',
    );
    expect((await hub.call('GET', `${BASE}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    const openapi = await hub.call('GET', '/api/v1/openapi.json', { token: null });
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([BASE, `${BASE}/{id}`, `${BASE}/{id}/diagram`, `${BASE}/{id}/activate`]),
    );
  });
});
