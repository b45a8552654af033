// The configuration portal's description of the trade-notification receivers and author identities (see db/resources.ts).
import type { Resource } from './configuration';
import { TRADE_RECEIVER_KINDS } from './tradeReceivers';

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' };
const ars = { type: 'string', pattern: '^[0-9]{12}$' };
const text = (max = 300) => ({ type: 'string', minLength: 1, maxLength: max });
const nullableText = (max = 300) => ({ type: ['string', 'null'], minLength: 1, maxLength: max });

export const tradeReceivers: Resource = {
  name: 'trade-receivers',
  table: 'trade_receivers',
  key: { field: 'id', column: 'id' },
  municipal: { column: 'ars', write: true },
  fields: {
    id: { column: 'id', schema: id, required: true },
    ars: { column: 'ars', schema: ars, required: true, filter: true },
    kind: {
      column: 'kind',
      schema: {
        enum: TRADE_RECEIVER_KINDS,
        description:
          'statistics-office receives sta.gewerbemeldung.0100, foreigners-authority abh.gewerbemeldung.0500 (operators without EU citizenship only), the others alg.gewerbemeldung.0300',
      },
      required: true,
      filter: true,
    },
    name: { column: 'name', schema: text(), required: true },
    readerPrefix: {
      column: 'reader_prefix',
      schema: {
        ...text(20),
        description: 'DVDV prefix of the reader id, e.g. "azr" (foreigners authority) or "xga"',
      },
      required: true,
    },
    readerId: {
      column: 'reader_id',
      schema: {
        type: 'string',
        pattern: '^[0-9A-Za-z:._-]{1,60}$',
        description: 'the reader id (behoerdenkennung/kennung)',
      },
      required: true,
    },
    readerListUri: { column: 'reader_list_uri', schema: nullableText(200) },
    readerListVersion: { column: 'reader_list_version', schema: nullableText(40) },
    email: { column: 'email', schema: { type: ['string', 'null'], format: 'email' } },
    url: { column: 'url', schema: { type: ['string', 'null'], pattern: '^https?://', maxLength: 300 } },
    endpoint: {
      column: 'endpoint',
      schema: { type: 'string', pattern: '^https?://', maxLength: 500 },
      required: true,
    },
    credentials: {
      column: 'credentials',
      schema: {
        type: 'object',
        properties: { bearerToken: { type: 'string' } },
        additionalProperties: false,
      },
      json: true,
      secret: true,
    },
    active: { column: 'active', schema: { type: 'boolean' } },
  },
};

export const tradeAuthors: Resource = {
  name: 'trade-authors',
  table: 'trade_authors',
  key: { field: 'officeId', column: 'office_id' },
  municipal: { column: 'ars', write: true },
  fields: {
    officeId: { column: 'office_id', schema: id, required: true },
    ars: { column: 'ars', schema: ars, required: true, filter: true },
    authorPrefix: { column: 'author_prefix', schema: text(20) },
    authorId: {
      column: 'author_id',
      schema: {
        type: ['string', 'null'],
        pattern: '^[0-9A-Za-z:._-]{1,60}$',
        description: "the Gewerbeamt's id; empty: the AGS (8 digits) of the municipality",
      },
    },
    authorListUri: { column: 'author_list_uri', schema: text(200) },
    authorListVersion: { column: 'author_list_version', schema: text(40) },
    phone: { column: 'phone', schema: nullableText(40) },
  },
};
