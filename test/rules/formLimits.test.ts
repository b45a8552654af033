// Given any application the service's form accepts, when a shipped rule transforms it, then the output is
// valid: every text field at its form maximum (in characters, with emoji and line breaks) still fits the
// target format. Found by the chaos run: XGewerbeanzeige allowed 500 characters of activity, the form 2000.
import { describe, expect, it } from 'vitest';
import { RULE_CATALOG, ruleText } from '../../rules/catalog';
import { compileRule } from '../../rules/compile';
import { bundleOf, sampleEnvelope, SAMPLE_FORM_DATA } from '../../rules/samples';
import { runRule } from '../../rules/transform';
import { validateOutput } from '../../rules/validateOutput';
import { SERVICES } from '../../db/seed/services';

interface StringSchema {
  type?: string;
  maxLength?: number;
  pattern?: string;
  format?: string;
  properties?: Record<string, StringSchema>;
}

/** The sample's values with every free text (no pattern, no format) at the form's maximum length. */
function atMaximum(sample: unknown, schema: StringSchema): unknown {
  if (schema.properties && sample && typeof sample === 'object') {
    return Object.fromEntries(
      Object.entries(sample as Record<string, unknown>).map(([key, value]) => [
        key,
        schema.properties![key] ? atMaximum(value, schema.properties![key]!) : value,
      ]),
    );
  }
  if (schema.type === 'string' && schema.maxLength && !schema.pattern && !schema.format) {
    const pieces = ['Ä', '🥐', 'ł', '\n', 'ş', ' ', '&'];
    return Array.from({ length: schema.maxLength }, (_, i) => pieces[i % pieces.length])
      .join('')
      .replace(/^./u, 'X')
      .replace(/.$/u, 'Y');
  }
  return sample;
}

describe('shipped rules and the forms agree on lengths', () => {
  const applicationRules = RULE_CATALOG.filter((r) => r.messageType === 'application');
  it.each(applicationRules.map((r) => [`${r.leikaId} -> ${r.targetFormat}`, r] as const))(
    '%s: form values at their maximum give valid output',
    async (_name, rule) => {
      // given the sample application with every free text at its maximum
      const service = SERVICES.find((s) => s.leikaId === rule.leikaId)!;
      const formData = atMaximum(
        structuredClone(SAMPLE_FORM_DATA[bundleOf(rule.leikaId)]),
        service.formSchema as StringSchema,
      ) as Record<string, unknown>;
      // when (Promise.resolve: compiling moves to rule threads and becomes asynchronous)
      const sef = await Promise.resolve(compileRule(ruleText(rule.file)));
      const output = await runRule(
        { id: `test:${rule.file}`, sef },
        sampleEnvelope({ leikaId: rule.leikaId, messageType: 'application', formData }),
      );
      // then
      const validation = await validateOutput(rule.targetFormat, output);
      expect(validation.errors).toEqual([]);
    },
  );
});
