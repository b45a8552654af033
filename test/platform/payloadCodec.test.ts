// Given AES-256-GCM payload keys, when payloads and failures pass the hub's codec, then no clear text remains,
// older keys still decrypt after a rotation, plain payloads pass through, and a missing key or tampering is named.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { EncryptionCodec, KEY_ID_METADATA } from '../../platform/payloadCodec';
import { DEMO_PAYLOAD_KEY, parsePayloadKeys, type PayloadKey } from '../../platform/payloadKeys';
import { FAILURE_CONVERTER_PATH } from '../../platform/dataConverter';
import { loadConfig } from '../../platform/config';
import { createRequire } from 'node:module';

const SECRET = 'Erika Mustermann, geb. 12.08.1964, Hauptstraße 17';
const key = (id: string): PayloadKey => ({ id, key: crypto.randomBytes(32) });
const plain = (value: unknown) => defaultPayloadConverter.toPayload(value) as Payload;
const bytes = (payloads: Payload[]) =>
  Buffer.concat(payloads.map((p) => proto.temporal.api.common.v1.Payload.encode(p).finish()));
const keyId = (p: Payload) => Buffer.from(p.metadata![KEY_ID_METADATA]!).toString();

describe('EncryptionCodec', () => {
  it('encrypts with the key id in the metadata and decrypts to the same payload', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const encoded = await codec.encode([plain({ note: SECRET })]);
    expect(keyId(encoded[0]!)).toBe('k1');
    expect(bytes(encoded).includes(Buffer.from('Mustermann'))).toBe(false);
    expect(bytes([plain({ note: SECRET })]).includes(Buffer.from('Mustermann'))).toBe(true);
    const [decoded] = await codec.decode(encoded);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ note: SECRET });
  });

  it('after a rotation the new key encrypts and the old one still decrypts; without it the error names it', async () => {
    const a = key('2026-05');
    const b = key('2026-11');
    const underA = await new EncryptionCodec([a]).encode([plain(SECRET)]);
    const rotated = new EncryptionCodec([b, a]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode(underA))[0]!)).toBe(SECRET);
    expect(keyId((await rotated.encode([plain(1)]))[0]!)).toBe('2026-11');
    await expect(new EncryptionCodec([b]).decode(underA)).rejects.toThrow(
      /encrypted with key "2026-05", which is not configured \(configured: 2026-11\); add it to PAYLOAD_KEYS/,
    );
  });

  it('passes payloads without encryption through (histories recorded before encryption)', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const payload = plain({ recorded: 'before' });
    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('refuses altered ciphertext, a relabelled key id and other key material with the same id', async () => {
    const k1 = key('k1');
    const codec = new EncryptionCodec([k1, key('k2')]);
    const [encoded] = await codec.encode([plain(SECRET)]);
    const flipped = Buffer.from(encoded!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...encoded, data: flipped }])).rejects.toThrow(/does not decrypt/);
    const relabelled = {
      ...encoded,
      metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') },
    };
    await expect(codec.decode([relabelled])).rejects.toThrow(/does not decrypt with key "k2"/);
    await expect(new EncryptionCodec([key('k1')]).decode([encoded!])).rejects.toThrow(/does not decrypt/);
  });
});

describe('failure texts', () => {
  it('the failure converter moves message and stack into a payload that the codec encrypts', async () => {
    const { failureConverter } = createRequire(import.meta.url)(FAILURE_CONVERTER_PATH);
    const codec = new EncryptionCodec([key('k1')]);
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.nonRetryable(`no application ${SECRET}`, 'UNKNOWN_APPLICATION'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.applicationFailureInfo.type).toBe('UNKNOWN_APPLICATION');
    const [sealed] = await codec.encode([failure.encodedAttributes]);
    failure.encodedAttributes = sealed;
    const wire = Buffer.from(proto.temporal.api.failure.v1.Failure.encode(failure).finish());
    expect(wire.includes(Buffer.from('Mustermann'))).toBe(false);
    [failure.encodedAttributes] = await codec.decode([sealed!]);
    const error = failureConverter.failureToError(failure, defaultPayloadConverter);
    expect(error.message).toBe(`no application ${SECRET}`);
  });
});

describe('payload keys in the configuration', () => {
  const k = (id: string) => `${id}:${crypto.randomBytes(32).toString('base64')}`;

  it('demo mode falls back to the demo key; PAYLOAD_KEYS lists the newest key first', () => {
    expect(loadConfig({}).codec.keys).toEqual([DEMO_PAYLOAD_KEY]);
    const keys = loadConfig({ PAYLOAD_KEYS: `${k('new')}, ${k('old')}` }).codec.keys;
    expect(keys.map((x) => x.id)).toEqual(['new', 'old']);
    expect(keys[0]!.key).toHaveLength(32);
  });

  it('production refuses to start without keys or with the public demo key', () => {
    const production = { DREHSCHEIBE_MODE: 'production', CALLBACK_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(/PAYLOAD_KEYS must be set in production mode/);
    const demoKey = `${DEMO_PAYLOAD_KEY.id}:${DEMO_PAYLOAD_KEY.key.toString('base64')}`;
    expect(() => loadConfig({ ...production, PAYLOAD_KEYS: demoKey })).toThrow(/public demo key/);
    expect(loadConfig({ ...production, PAYLOAD_KEYS: k('prod-1') }).codec.keys[0]!.id).toBe('prod-1');
  });

  it('says what is wrong with a malformed key list', () => {
    expect(() => parsePayloadKeys('nokey')).toThrow(/entry 1 must be "<key id>:<base64 of 32 bytes>"/);
    expect(() => parsePayloadKeys(`a:${Buffer.alloc(16).toString('base64')}`)).toThrow(
      /key "a" must be 32 bytes in base64/,
    );
    expect(() => parsePayloadKeys(`${k('a')},${k('a')}`)).toThrow(/key id "a" twice/);
    expect(() => parsePayloadKeys(' , ')).toThrow(/lists no key/);
  });
});
