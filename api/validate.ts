// JSON Schema validation with Ajv; the same schemas feed the OpenAPI document.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Problem } from './problems';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
// ajv-formats ships CommonJS with a default export.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
addFormats(ajv);

const cache = new WeakMap<object, ValidateFunction>();

/** Validates `value` against `schema`, throwing a Problem that lists every violation by path. */
export function assertValid<T>(schema: object, value: unknown, what: string): T {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (validate(value)) return value as T;
  const errors = (validate.errors ?? []).map((e) => ({
    path: `${what}${e.instancePath.replace(/\//g, '.')}` + (e.params && 'missingProperty' in e.params ? `.${String(e.params.missingProperty)}` : ''),
    message: e.message ?? 'is invalid',
  }));
  throw new Problem('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}
