// JSON Schema validation with Ajv; the same schemas feed the OpenAPI document.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Problem } from './problems';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
// ajv-formats ships CommonJS with a default export.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
addFormats(ajv);

const cache = new WeakMap<object, ValidateFunction>();
const bySource = new Map<string, ValidateFunction>();

/** Compiles once per schema object, or once per schema text for schemas loaded from the database. */
function compiled(schema: object): ValidateFunction {
  let validate = cache.get(schema);
  if (validate) return validate;
  const source = JSON.stringify(schema);
  validate = bySource.get(source) ?? ajv.compile(schema);
  if (bySource.size > 500) bySource.clear();
  bySource.set(source, validate);
  cache.set(schema, validate);
  return validate;
}

/** Validates `value` against `schema`, throwing a Problem that lists every violation by path. */
export function assertValid<T>(schema: object, value: unknown, what: string): T {
  const validate = compiled(schema);
  if (validate(value)) return value as T;
  const errors = (validate.errors ?? []).map((e) => ({
    path:
      `${what}${e.instancePath.replace(/\//g, '.')}` +
      (e.params && 'missingProperty' in e.params ? `.${String(e.params.missingProperty)}` : ''),
    message: e.message ?? 'is invalid',
  }));
  throw new Problem('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}
