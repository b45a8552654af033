// Checks what a rule produced against the format its target expects: XSD for XML formats, the
// JSON Schema named in the document for JSON, readable text for mails.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { JSON_OUTPUT_SCHEMAS } from './jsonOutputSchemas';
import { SCHEMA_NAMES, validateXml, type SchemaName } from './xsd';
import { checkOfficialMessage } from './xgewerbeanzeige/officialCheck';

/** The XSD each XML target format is checked against. */
export const XML_OUTPUT_SCHEMAS: Record<string, SchemaName> = {
  xgewerbeanzeige: 'xgewerbeanzeige',
  xdomea: 'xdomea-fvdaten',
};

export interface OutputValidation {
  valid: boolean;
  /** What the output was checked against: an XSD name, a JSON Schema URN, or a description. */
  schema: string;
  errors: string[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** Validates rule output for a target format ('xgewerbeanzeige', 'xgewerbeanzeige-v22', 'xdomea', 'json', 'mail-summary', or an XSD name). */
export async function validateOutput(targetFormat: string, output: string): Promise<OutputValidation> {
  const xsd = XML_OUTPUT_SCHEMAS[targetFormat] ?? (isSchemaName(targetFormat) ? targetFormat : undefined);
  if (xsd) return { schema: xsd, ...(await validateXml(output, xsd)) };
  if (targetFormat === 'xgewerbeanzeige-v22') {
    const { valid, errors } = checkOfficialMessage(output);
    return { valid, errors, schema: 'XGewerbeanzeige 2.2 (paths of the KoSIT samples)' };
  }
  if (targetFormat === 'json') return validateJson(output);
  if (targetFormat === 'mail-summary') {
    const errors = output.trim() === '' ? ['the mail text is empty'] : [];
    return { valid: errors.length === 0, schema: 'non-empty text', errors };
  }
  return {
    valid: false,
    schema: 'none',
    errors: [`No validation is known for target format "${targetFormat}".`],
  };
}

function validateJson(output: string): OutputValidation {
  let document: unknown;
  try {
    document = JSON.parse(output);
  } catch (error) {
    return { valid: false, schema: 'JSON', errors: [`not JSON: ${(error as Error).message}`] };
  }
  const urn =
    typeof document === 'object' && document !== null ? (document as { schema?: unknown }).schema : undefined;
  const schema = typeof urn === 'string' ? JSON_OUTPUT_SCHEMAS[urn] : undefined;
  if (!schema) return { valid: true, schema: 'JSON (no schema named in the document)', errors: [] };
  let validate = validators.get(urn as string);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(urn as string, validate);
  }
  const valid = validate(document);
  return {
    valid,
    schema: urn as string,
    errors: valid
      ? []
      : (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'missingProperty' in e.params ? `: ${String(e.params.missingProperty)}` : ''}`,
        ),
  };
}

function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}
