// Parses the AES-256 keys of the Temporal payload codec from their configuration text ("id:base64,id:base64").
export interface PayloadKey {
  /** Travels in every encrypted payload's metadata, so the right key is found after a rotation. */
  id: string;
  /** 32 bytes of key material. */
  key: Buffer;
}

/**
 * Fixed key of demo mode (and of the tests), so a demo's history stays readable across restarts. It is public:
 * production refuses it.
 */
export const DEMO_PAYLOAD_KEY: PayloadKey = {
  id: 'demo-2026',
  key: Buffer.from('RHJlaHNjaGVpYmUgZGVtbyBrZXksIG5vdCBzZWNyZXQ=', 'base64'),
};

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Newest key first: it encrypts; every listed key decrypts. Throws an Error saying what to fix. */
export function parsePayloadKeys(text: string, variable = 'PAYLOAD_KEYS'): PayloadKey[] {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon);
      const material = colon < 0 ? '' : entry.slice(colon + 1);
      if (!KEY_ID.test(id)) {
        throw new Error(
          `${variable} entry ${index + 1} must be "<key id>:<base64 of 32 bytes>" with a key id of letters, digits, ".", "_" or "-"`,
        );
      }
      if (!/^[A-Za-z0-9+/]{43}=?$/.test(material)) {
        throw new Error(
          `${variable} key "${id}" must be 32 bytes in base64 (generate one with: openssl rand -base64 32)`,
        );
      }
      return { id, key: Buffer.from(material, 'base64') };
    });
  if (keys.length === 0) throw new Error(`${variable} lists no key`);
  const ids = keys.map((k) => k.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${variable} lists key id "${duplicate}" twice`);
  return keys;
}
