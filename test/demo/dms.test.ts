import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDms, type Dms } from '../../demo/servers/dms';
import { request } from '../support/http';
import { xdomeaFiling } from './xdomeaSample';

const TOKEN = 'dms-secret';

describe('demo DMS (xdomea 3.0.0 records)', () => {
  let dms: Dms;
  const file = (xml: string, key?: string) =>
    request('POST', `${dms.url}/xdomea`, {
      token: TOKEN,
      body: xml,
      contentType: 'application/xml',
      headers: key ? { 'Idempotency-Key': key } : {},
    });

  beforeAll(async () => {
    dms = await startDms({ credential: TOKEN });
  });
  afterAll(async () => {
    await dms?.stop();
  });
  beforeEach(async () => {
    await request('DELETE', `${dms.url}/records`);
    await request('POST', `${dms.url}/_control/outage`, { body: { on: false, failNext: 0 } });
  });

  it('files valid messages under their Vorgang, in order, and finds the case by its Kennzeichen', async () => {
    // given two messages of one case and one of another
    const vorgangId = crypto.randomUUID();
    const application = xdomeaFiling({
      vorgangId,
      kennzeichen: 'A-20260302-00000000AA',
      documentTitle: 'Antrag',
    });
    const notice = xdomeaFiling({
      vorgangId,
      kennzeichen: 'A-20260302-00000000AA',
      documentTitle: 'Bescheid',
    });
    const otherCase = xdomeaFiling({ kennzeichen: 'A-20260302-00000000BB' });
    // when
    const answers = [await file(application, 'k1'), await file(notice, 'k2'), await file(otherCase, 'k3')];
    // then
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers[0]!.body.recordId).toBe(vorgangId);
    const record = await request('GET', `${dms.url}/records/${vorgangId}`);
    expect(record.status).toBe(200);
    expect(record.body.betreff).toBe('Gewerbeanmeldung Mustermann Feinkost');
    expect(record.body.messages.map((m: any) => m.facts.documents[0].betreff)).toEqual([
      'Antrag',
      'Bescheid',
    ]);
    expect(record.body.messages[0].body).toBe(application);
    expect(record.body.messages[0].facts.messageType).toBe('Geschaeftsgang.Geschaeftsgang.0201');
    const byKennzeichen = await request('GET', `${dms.url}/records/A-20260302-00000000AA`);
    expect(byKennzeichen.body.messages).toHaveLength(2);
    const list = await request('GET', `${dms.url}/records`);
    expect(list.body.records.map((r: any) => r.messageCount)).toEqual([2, 1]);
    expect((await request('GET', `${dms.url}/records/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('refuses a message that does not validate against the xdomea schema with 422 and the schema errors', async () => {
    // given a filing without its mandatory ProzessID, and a message of another type
    const withoutProzessId = xdomeaFiling().replace(/<xdomea:ProzessID>.*<\/xdomea:ProzessID>/, '');
    const wrongRoot = '<x:Aussonderung.Aussonderung.0503 xmlns:x="urn:xoev-de:xdomea:schema:3.0.0"/>';
    // when
    const missing = await file(withoutProzessId, 'bad-1');
    const other = await file(wrongRoot, 'bad-2');
    // then
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('schema-invalid');
    expect(missing.body.errors.join('\n')).toMatch(/Nachrichtentyp.*Expected is .*ProzessID/);
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatch(/Geschaeftsgang\.Geschaeftsgang\.0201/);
    expect(dms.records()).toHaveLength(0);
  });

  it('refuses unsafe XML (billion laughs) before any parser sees it', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const answer = await file(laughs);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: 'unsafe-xml', code: 'doctype' });
  });

  it('files a message once per Idempotency-Key, also when both deliveries arrive at the same time', async () => {
    const xml = xdomeaFiling();
    // when
    const [a, b] = await Promise.all([file(xml, 'same'), file(xml, 'same')]);
    const c = await file(xml, 'same');
    // then
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(new Set([a!.body.id, b!.body.id, c.body.id]).size).toBe(1);
    expect(dms.records()[0]!.messages).toHaveLength(1);
  });

  it('checks the credential and the media type', async () => {
    const xml = xdomeaFiling();
    expect(
      (await request('POST', `${dms.url}/xdomea`, { body: xml, contentType: 'application/xml' })).status,
    ).toBe(401);
    expect(
      (
        await request('POST', `${dms.url}/xdomea`, {
          token: 'wrong',
          body: xml,
          contentType: 'application/xml',
        })
      ).status,
    ).toBe(401);
    expect((await request('POST', `${dms.url}/xdomea`, { token: TOKEN, body: { xml } })).status).toBe(415);
    expect(dms.records()).toHaveLength(0);
  });

  it('answers 503 during an outage and files the redelivery afterwards', async () => {
    const xml = xdomeaFiling();
    await request('POST', `${dms.url}/_control/outage`, { body: { on: true } });
    expect((await file(xml, 'out-1')).status).toBe(503);
    await request('POST', `${dms.url}/_control/outage`, { body: { on: false } });
    expect((await file(xml, 'out-1')).status).toBe(201);
    expect((await file(xml, 'out-1')).status).toBe(200);
    expect(dms.records()[0]!.messages).toHaveLength(1);
  });
});
