// Runs a compiled rule over an envelope. saxon-js prepares a SEF on first use and keeps that work in
// the object, so the runnable copy is cached per rule version (rule versions are immutable).
import { assertSafeXml, UnsafeXmlError } from '../platform/safeXml';
import { RuleRunError } from './ruleErrors';
import { inSandbox, saxon, sandboxedOptions, SANDBOX_ERROR_CODE, type SaxonError, type Sef } from './saxon';

export interface CompiledRuleRef {
  /** The rule version id; omit for one-off runs that must not be cached. */
  id?: string;
  sef: Sef;
}

export type RuleParams = Record<string, string | number | boolean>;

const MAX_CACHED = 256;
const runnable = new Map<string, Sef>();

/** Transforms inputXml with a compiled rule and returns the serialised output (XML, JSON or text). */
export async function runRule(
  compiled: CompiledRuleRef,
  inputXml: string,
  params: RuleParams = {},
): Promise<string> {
  try {
    assertSafeXml(inputXml);
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw new RuleRunError(error.message, `unsafe-xml:${error.code}`);
    throw error;
  }
  const stylesheet = runnableSef(compiled);
  const messages: string[] = [];
  try {
    const result = inSandbox(() =>
      saxon.transform(
        {
          stylesheetInternal: stylesheet,
          sourceText: inputXml,
          destination: 'serialized',
          stylesheetParams: Object.fromEntries(
            Object.entries(params).map(([name, value]) => [`Q{}${name}`, value]),
          ),
          deliverMessage: (message) => messages.push(String(message)),
          ...sandboxedOptions(),
        },
        'sync',
      ),
    );
    return String(result.principalResult ?? '');
  } catch (error) {
    const saxonError = error as SaxonError;
    const code = String(saxonError?.code ?? 'internal').replace(/^Q\{[^}]*\}/, '');
    const blocked = code === SANDBOX_ERROR_CODE || String(saxonError?.message).includes(SANDBOX_ERROR_CODE);
    throw new RuleRunError(
      `The rule failed: ${saxonError?.message ?? String(error)}`,
      blocked ? SANDBOX_ERROR_CODE : code,
    );
  }
}

/** Forgets cached runnable copies (tests, or after a rule version is deleted in development). */
export function clearRuleCache(): void {
  runnable.clear();
}

function runnableSef(compiled: CompiledRuleRef): Sef {
  if (compiled.id === undefined) return structuredClone(compiled.sef);
  const cached = runnable.get(compiled.id);
  if (cached) {
    // Re-insert so the Map's order is least-recently-used first.
    runnable.delete(compiled.id);
    runnable.set(compiled.id, cached);
    return cached;
  }
  const copy = structuredClone(compiled.sef);
  runnable.set(compiled.id, copy);
  if (runnable.size > MAX_CACHED) runnable.delete(runnable.keys().next().value!);
  return copy;
}
