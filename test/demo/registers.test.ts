import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResidentsRegister, type ResidentsRegister } from '../../demo/servers/residentsRegister';
import { DEMO_MUNICIPALITIES, TEST_PERSONS, TEST_TRADES } from '../../demo/servers/testPersons';
import { startTradeRegister, type TradeRegister } from '../../demo/servers/tradeRegister';
import { request } from '../support/http';

const lookup = (p: { familyName: string; givenName: string; birthDate: string }) =>
  new URLSearchParams({
    familyName: p.familyName,
    givenName: p.givenName,
    birthDate: p.birthDate,
  }).toString();

describe('demo registers', () => {
  let residents: ResidentsRegister;
  let trades: TradeRegister;
  beforeAll(async () => {
    residents = await startResidentsRegister({ credential: 'mr-secret' });
    trades = await startTradeRegister({ credential: 'gr-secret' });
  });
  afterAll(async () => {
    await Promise.all([residents?.stop(), trades?.stop()]);
  });

  describe('residents register (Melderegister)', () => {
    it('finds Erika Mustermann, registered in Radebeul', async () => {
      const answer = await request('GET', `${residents.url}/residents?${lookup(TEST_PERSONS.erika)}`, {
        token: 'mr-secret',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: TEST_PERSONS.erika.id,
        birthDate: '1964-08-12',
        address: { ars: DEMO_MUNICIPALITIES.radebeul.ars },
      });
    });

    it('matches names regardless of case, spacing and Unicode composition', async () => {
      const ayse = { ...TEST_PERSONS.ayse, familyName: ' Yılmaz ', givenName: 'Ays\u0327e' };
      const erika = { ...TEST_PERSONS.erika, familyName: 'mustermann', givenName: 'ERIKA' };
      expect(
        (await request('GET', `${residents.url}/residents?${lookup(erika)}`, { token: 'mr-secret' })).status,
      ).toBe(200);
      const answer = await request('GET', `${residents.url}/residents?${lookup(ayse)}`, {
        token: 'mr-secret',
      });
      expect(answer.body.id).toBe(TEST_PERSONS.ayse.id);
    });

    it('answers 404 for a person who is not registered, or for a wrong birth date', async () => {
      const unknown = await request(
        'GET',
        `${residents.url}/residents?${lookup(TEST_PERSONS.notRegistered)}`,
        { token: 'mr-secret' },
      );
      const wrongDate = await request(
        'GET',
        `${residents.url}/residents?${lookup({ ...TEST_PERSONS.max, birthDate: '1961-03-08' })}`,
        { token: 'mr-secret' },
      );
      expect([unknown.status, wrongDate.status]).toEqual([404, 404]);
      expect(unknown.body.detail).toMatch(/Melderegister/);
    });

    it('requires the credential and complete queries', async () => {
      expect((await request('GET', `${residents.url}/residents?${lookup(TEST_PERSONS.erika)}`)).status).toBe(
        401,
      );
      expect(
        (
          await request('GET', `${residents.url}/residents?${lookup(TEST_PERSONS.erika)}`, {
            token: 'gr-secret',
          })
        ).status,
      ).toBe(401);
      expect(
        (await request('GET', `${residents.url}/residents?familyName=Mustermann`, { token: 'mr-secret' }))
          .status,
      ).toBe(400);
      expect(
        (
          await request(
            'GET',
            `${residents.url}/residents?${lookup({ ...TEST_PERSONS.erika, birthDate: '12.08.1964' })}`,
            { token: 'mr-secret' },
          )
        ).status,
      ).toBe(400);
    });
  });

  describe('trade register (Gewerberegister)', () => {
    it('lists the trades of a municipality and searches by business or holder name', async () => {
      const radebeul = await request('GET', `${trades.url}/trades?ars=${DEMO_MUNICIPALITIES.radebeul.ars}`, {
        token: 'gr-secret',
      });
      expect(radebeul.body.trades.map((t: any) => t.id)).toEqual([TEST_TRADES.erikaFeinkost.id]);
      const mustermann = await request('GET', `${trades.url}/trades?name=mustermann`, { token: 'gr-secret' });
      expect(mustermann.body.trades.map((t: any) => t.id)).toEqual([
        TEST_TRADES.erikaFeinkost.id,
        TEST_TRADES.maxHausmeister.id,
      ]);
      const none = await request(
        'GET',
        `${trades.url}/trades?ars=${DEMO_MUNICIPALITIES.coswig.ars}&name=Feinkost`,
        { token: 'gr-secret' },
      );
      expect(none.body.trades).toEqual([]);
    });

    it('shows a single trade, with its deregistration', async () => {
      const max = await request('GET', `${trades.url}/trades/${TEST_TRADES.maxHausmeister.id}`, {
        token: 'gr-secret',
      });
      expect(max.body).toMatchObject({ status: 'deregistered', deregisteredOn: '2020-12-31' });
      expect((await request('GET', `${trades.url}/trades/GR-0`, { token: 'gr-secret' })).status).toBe(404);
    });

    it('requires the credential and a valid ARS key', async () => {
      expect((await request('GET', `${trades.url}/trades`)).status).toBe(401);
      expect((await request('GET', `${trades.url}/trades/${TEST_TRADES.erikaFeinkost.id}`)).status).toBe(401);
      expect((await request('GET', `${trades.url}/trades?ars=1462`, { token: 'gr-secret' })).status).toBe(
        400,
      );
    });
  });
});
