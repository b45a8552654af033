import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFachverfahren, type Fachverfahren } from '../../demo/servers/fachverfahren';
import { request } from '../support/http';

const XML =
  '<?xml version="1.0" encoding="UTF-8"?><gewerbemeldung xmlns="urn:example"><name>Mustermann Feinkost</name></gewerbemeldung>';

describe('demo Fachverfahren (HTTP inbox)', () => {
  let gewerbePro: Fachverfahren;
  let amtsDesk: Fachverfahren;
  beforeAll(async () => {
    gewerbePro = await startFachverfahren({ name: 'GewerbePro', format: 'xml', credential: 'xml-secret' });
    amtsDesk = await startFachverfahren({ name: 'AmtsDesk', format: 'json', credential: 'json-secret' });
  });
  afterAll(async () => {
    await Promise.all([gewerbePro?.stop(), amtsDesk?.stop()]);
  });
  beforeEach(async () => {
    await request('DELETE', `${gewerbePro.url}/inbox`);
    await request('DELETE', `${amtsDesk.url}/inbox`);
    await request('POST', `${gewerbePro.url}/_control/outage`, { body: { on: false, failNext: 0 } });
  });

  it('stores an XML delivery with its content type, headers and idempotency key, and lists it', async () => {
    // when
    const sent = await request('POST', `${gewerbePro.url}/inbox`, {
      token: 'xml-secret',
      body: XML,
      contentType: 'application/xml; charset=utf-8',
      headers: { 'Idempotency-Key': 'A-1:deliver', 'X-Drehscheibe-Application': 'A-1' },
    });
    // then
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ system: 'GewerbePro', idempotencyKey: 'A-1:deliver' });
    const inbox = await request('GET', `${gewerbePro.url}/inbox`);
    expect(inbox.body.receipts).toHaveLength(1);
    const [receipt] = inbox.body.receipts;
    expect(receipt).toMatchObject({
      id: sent.body.id,
      idempotencyKey: 'A-1:deliver',
      contentType: 'application/xml',
      body: XML,
    });
    expect(receipt.headers['x-drehscheibe-application']).toBe('A-1');
    expect(receipt.headers.authorization).toBeUndefined();
  });

  it('files a redelivery with the same Idempotency-Key only once and answers with the first receipt', async () => {
    const options = {
      token: 'xml-secret',
      body: XML,
      contentType: 'application/xml',
      headers: { 'Idempotency-Key': 'A-2:deliver' },
    };
    // when
    const first = await request('POST', `${gewerbePro.url}/inbox`, options);
    const second = await request('POST', `${gewerbePro.url}/inbox`, options);
    const other = await request('POST', `${gewerbePro.url}/inbox`, {
      ...options,
      headers: { 'Idempotency-Key': 'A-3:deliver' },
    });
    // then
    expect([first.status, second.status, other.status]).toEqual([201, 200, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(gewerbePro.receipts().map((r) => r.idempotencyKey)).toEqual(['A-2:deliver', 'A-3:deliver']);
  });

  it('refuses a missing or wrong credential with 401 and stores nothing', async () => {
    const missing = await request('POST', `${gewerbePro.url}/inbox`, {
      body: XML,
      contentType: 'application/xml',
    });
    const wrong = await request('POST', `${gewerbePro.url}/inbox`, {
      token: 'json-secret',
      body: XML,
      contentType: 'application/xml',
    });
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(gewerbePro.receipts()).toHaveLength(0);
  });

  it('refuses XML with a DTD (XXE) and malformed XML', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    const refused = await request('POST', `${gewerbePro.url}/inbox`, {
      token: 'xml-secret',
      body: xxe,
      contentType: 'application/xml',
    });
    const broken = await request('POST', `${gewerbePro.url}/inbox`, {
      token: 'xml-secret',
      body: '<a><b></a>',
      contentType: 'application/xml',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'unsafe-xml', code: 'doctype' });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('not-well-formed');
    expect(gewerbePro.receipts()).toHaveLength(0);
  });

  it('takes only its own format: AmtsDesk refuses XML, accepts JSON, rejects broken JSON', async () => {
    const xml = await request('POST', `${amtsDesk.url}/inbox`, {
      token: 'json-secret',
      body: XML,
      contentType: 'application/xml',
    });
    const json = await request('POST', `${amtsDesk.url}/inbox`, {
      token: 'json-secret',
      body: { tradeName: 'Mustermann Feinkost' },
    });
    const broken = await request('POST', `${amtsDesk.url}/inbox`, {
      token: 'json-secret',
      body: '{"tradeName":',
      contentType: 'application/json',
    });
    const jsonToXmlSystem = await request('POST', `${gewerbePro.url}/inbox`, {
      token: 'xml-secret',
      body: { a: 1 },
    });
    expect(xml.status).toBe(415);
    expect(xml.body.detail).toMatch(/AmtsDesk accepts application\/json/);
    expect(json.status).toBe(201);
    expect(broken.status).toBe(400);
    expect(jsonToXmlSystem.status).toBe(415);
    expect(amtsDesk.receipts().map((r) => JSON.parse(r.body))).toEqual([
      { tradeName: 'Mustermann Feinkost' },
    ]);
  });

  it('answers 503 during a simulated outage and stores again once it is over', async () => {
    const send = () =>
      request('POST', `${gewerbePro.url}/inbox`, {
        token: 'xml-secret',
        body: XML,
        contentType: 'application/xml',
        headers: { 'Idempotency-Key': 'A-4:deliver' },
      });
    // given
    expect((await request('POST', `${gewerbePro.url}/_control/outage`, { body: { on: true } })).body.on).toBe(
      true,
    );
    // when
    const during = [await send(), await send()];
    await request('POST', `${gewerbePro.url}/_control/outage`, { body: { on: false } });
    const after = [await send(), await send()];
    // then
    expect(during.map((r) => r.status)).toEqual([503, 503]);
    expect(during[0]!.headers.get('retry-after')).toBe('1');
    expect(after.map((r) => r.status)).toEqual([201, 200]);
    expect(gewerbePro.receipts()).toHaveLength(1);
    expect((await request('GET', `${gewerbePro.url}/_control/outage`)).body).toMatchObject({
      on: false,
      refused: expect.any(Number),
    });
  });

  it('fails exactly the next n calls with failNext', async () => {
    await request('POST', `${gewerbePro.url}/_control/outage`, { body: { failNext: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (
          await request('POST', `${gewerbePro.url}/inbox`, {
            token: 'xml-secret',
            body: XML,
            contentType: 'application/xml',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([503, 503, 201]);
    const invalid = await request('POST', `${gewerbePro.url}/_control/outage`, { body: { failNext: -1 } });
    expect(invalid.status).toBe(400);
  });
});
