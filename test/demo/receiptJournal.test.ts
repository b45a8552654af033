// Given a demo Fachverfahren with a receipt journal, when it is restarted, then it still knows every delivery:
// a redelivery with the same Idempotency-Key is answered as before, not filed twice (the chaos run counts on it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFachverfahren } from '../../demo/servers/fachverfahren';
import { request } from '../support/http';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-journal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('receipt journal', () => {
  it('survives a restart of its server and ignores a line cut short by a kill', async () => {
    // given a delivery filed before a restart
    const journalFile = path.join(dir, 'amtsdesk.jsonl');
    const options = { name: 'AmtsDesk', format: 'json' as const, credential: 'secret', journalFile };
    const send = (url: string, key: string) =>
      request('POST', `${url}/inbox`, {
        token: 'secret',
        body: { a: 'Łódź 🥐' },
        headers: { 'Idempotency-Key': key },
      });
    const first = await startFachverfahren(options);
    const filed = await send(first.url, 'A-1/application/0/fachverfahren');
    expect(filed.status).toBe(201);
    await first.stop();
    fs.appendFileSync(journalFile, '{"id":"amtsdesk-cut","idempotencyKey":"A-2/appl'); // a write cut short

    // when the same message is delivered again after the restart
    const second = await startFachverfahren(options);
    const again = await send(second.url, 'A-1/application/0/fachverfahren');
    const other = await send(second.url, 'A-2/application/0/fachverfahren');
    await second.stop();
    const third = await startFachverfahren(options);
    const inbox = await request('GET', `${third.url}/inbox`);
    await third.stop();

    // then it is recognised, and only whole lines count, also after a further restart
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(filed.body.id);
    expect(other.status).toBe(201);
    expect(inbox.body.receipts.map((r: { idempotencyKey: string }) => r.idempotencyKey)).toEqual([
      'A-1/application/0/fachverfahren',
      'A-2/application/0/fachverfahren',
    ]);
  });
});
