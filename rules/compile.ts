// Compiles XSLT 3.0 to SEF in process, the way xslt3 -export does: run the XSLT compiler that ships
// inside saxon-js (itself a SEF) over the stylesheet. Compiling costs ~100 ms; running a SEF ~1 ms,
// so rules are compiled once at upload and the SEF is stored with the rule version. Compilation runs on
// a rule thread (rules/rulePool.ts): a stylesheet can make the compiler itself run long.
import { assertRuleSafe } from './assertRuleSafe';
import { RuleCompileError } from './ruleErrors';
import { runOnRuleThread } from './rulePool';
import {
  addParentPointers,
  inSandbox,
  saxon,
  sealSef,
  type SaxonError,
  type Sef,
  type SefNode,
} from './saxon';

const RULE_BASE_URI = 'urn:drehscheibe:rule';

let compiler: SefNode | undefined;

/**
 * Checks a rule for unsafe constructs and compiles it to SEF; throws RuleUnsafeError, RuleCompileError or
 * RuleLimitError. `timeoutMs` overrides the configured compile limit (only for rules the project ships).
 */
export function compileRule(xslt: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<Sef> {
  return runOnRuleThread<Sef>({ kind: 'compile', xslt, scan: true }, timeoutMs);
}

/**
 * Compiles without the safety scan (still inside the run-time sandbox). Only for stylesheets the
 * project ships and for tests that prove the sandbox holds on its own; uploads use compileRule.
 */
export function compileToSef(xslt: string): Promise<Sef> {
  return runOnRuleThread<Sef>({ kind: 'compile', xslt, scan: false });
}

/** Loads the XSLT compiler (a large SEF) before the thread takes its first task. */
export function warmCompiler(): SefNode {
  if (!compiler) {
    compiler = saxon.getPlatform().resource('compiler');
    addParentPointers(compiler);
  }
  return compiler;
}

/** The compilation itself, synchronous: only rules/ruleThread.ts calls it, inside a rule thread. */
export function compileInThisThread(xslt: string, { scan }: { scan: boolean }): Sef {
  if (scan) assertRuleSafe(xslt);
  const platform = saxon.getPlatform();
  const xsltCompiler = warmCompiler();
  try {
    const sef = inSandbox(() => {
      const document = platform.parseXmlFromString(xslt, true);
      document._saxonBaseUri = RULE_BASE_URI;
      document._saxonDocUri = RULE_BASE_URI;
      const stylesheetParams = new saxon.XdmMap();
      stylesheetParams.inSituPut(saxon.XS.QName.fromParts('', '', 'staticParameters'), [new saxon.XdmMap()]);
      const options = saxon.checkOptions({
        stylesheetInternal: xsltCompiler,
        destination: 'application',
        initialMode: 'compile-complete',
        templateParams: { 'Q{}options': { noXPath: false, relocatable: false } },
        tunnelParams: {},
        functionParams: {},
        stylesheetParams,
        outputProperties: {},
        isDynamicStylesheet: true,
      });
      saxon.internalTransform(xsltCompiler, document, options);
      const result = options.principalResult as { firstChild: unknown } | { firstChild: unknown }[];
      const tree = Array.isArray(result) ? result[0] : result;
      return saxon.XPath.sefToJSON(tree!.firstChild as never, false);
    });
    sealSef(sef);
    return sef as Sef;
  } catch (error) {
    throw toCompileError(error, xslt);
  }
}

function toCompileError(error: unknown, xslt: string): RuleCompileError {
  const saxonError = error as SaxonError;
  const raw = saxonError?.message ?? String(error);
  const where = `${raw} ${saxonError?.errorObject?.value ?? ''}`;
  const lineMatch = /on line (\d+)|at line (\d+)/.exec(where);
  const line = lineMatch ? Number(lineMatch[1] ?? lineMatch[2]) : undefined;
  const message = raw.replace(` in /${RULE_BASE_URI}`, '').replace(` in ${RULE_BASE_URI}`, '');
  const code = saxonError?.code ? ` (${saxonError.code.replace(/^Q\{[^}]*\}/, '')})` : '';
  const column = line === undefined ? undefined : columnOf(xslt, line, raw);
  const place = line === undefined ? '' : `line ${line}${column ? `, column ${column}` : ''}: `;
  return new RuleCompileError(
    `The rule does not compile: ${place}${message.replace(/^Static error in XPath on line \d+ /, 'XPath ')}${code}`,
    line,
    column,
  );
}

// saxon-js reports the line only; point at the offending expression or element name on that line.
function columnOf(xslt: string, line: number, message: string): number | undefined {
  const text = xslt.split('\n')[line - 1];
  if (text === undefined) return undefined;
  const expression = /\{([\s\S]*)\}:/.exec(message)?.[1];
  const element = /(xsl:[\w.-]+)/.exec(message)?.[1];
  for (const needle of [expression, element]) {
    if (!needle) continue;
    const at = text.indexOf(needle);
    if (at >= 0) return needle === element && text[at - 1] === '<' ? at : at + 1;
  }
  const firstNonBlank = text.search(/\S/);
  return firstNonBlank >= 0 ? firstNonBlank + 1 : undefined;
}
