// Runs a compiled rule over an envelope, on a rule thread (rules/rulePool.ts). saxon-js prepares a SEF
// on first use and keeps that work in the object, so each thread caches the runnable copy per rule
// version (rule versions are immutable) and the SEF crosses to a thread only when it lacks it.
import { assertSafeXml, UnsafeXmlError } from './safeXml';
import { RuleRunError } from './ruleErrors';
import { NOT_CACHED, runOnRuleThread } from './rulePool';
import { inSandbox, saxon, sandboxedOptions, SANDBOX_ERROR_CODE, type SaxonError, type Sef } from './saxon';

export interface CompiledRuleRef {
  /** The rule version id; omit for one-off runs that must not be cached. */
  id?: string;
  sef: Sef;
}

export type RuleParams = Record<string, string | number | boolean>;

const MAX_CACHED = 256;
const runnable = new Map<string, Sef>();

/**
 * Transforms inputXml with a compiled rule and returns the serialised output (XML, JSON or text);
 * throws RuleRunError, or RuleLimitError when the rule exceeds its thread's time or memory limit.
 */
export async function runRule(
  compiled: CompiledRuleRef,
  inputXml: string,
  params: RuleParams = {},
): Promise<string> {
  if (compiled.id !== undefined) {
    try {
      return await runOnRuleThread<string>({ kind: 'run', id: compiled.id, xml: inputXml, params });
    } catch (error) {
      if ((error as Error).name !== NOT_CACHED) throw error;
    }
  }
  return runOnRuleThread<string>({ kind: 'run', id: compiled.id, sef: compiled.sef, xml: inputXml, params });
}

/** Whether this thread holds a runnable copy of the rule version. */
export function isRunnableCached(id: string): boolean {
  return runnable.has(id);
}

/** The transformation itself, synchronous: only rules/ruleThread.ts calls it, inside a rule thread. */
export function runInThisThread(
  compiled: { id?: string; sef?: Sef },
  inputXml: string,
  params: RuleParams,
): string {
  checkInput(inputXml);
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

function checkInput(inputXml: string): void {
  try {
    assertSafeXml(inputXml);
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw new RuleRunError(error.message, `unsafe-xml:${error.code}`);
    throw error;
  }
}

function runnableSef(compiled: { id?: string; sef?: Sef }): Sef {
  if (compiled.id === undefined) return compiled.sef!;
  const cached = runnable.get(compiled.id);
  if (cached) {
    // Re-insert so the Map's order is least-recently-used first.
    runnable.delete(compiled.id);
    runnable.set(compiled.id, cached);
    return cached;
  }
  // The SEF arrived as a structured clone, so this thread owns it and may let saxon-js prepare it.
  const copy = compiled.sef!;
  runnable.set(compiled.id, copy);
  if (runnable.size > MAX_CACHED) runnable.delete(runnable.keys().next().value!);
  return copy;
}
