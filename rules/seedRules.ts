// Loads the shipped rules into the depot: version 1 of every catalogue key that has no version yet,
// activated; a newer shipped text replaces an older shipped one as the next version (e.g. xdomea 0201 ->
// FVDaten). Keys an administrator already uploaded to are left alone.
import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool';
import { inTransaction } from '../db/pool';
import { appendProtocol } from '../db/protocol';
import { insertSeedUpgrade, insertSeedVersion, missingRuleKeys, outdatedSeedKeys } from './depot';
import { RULE_CATALOG, ruleText, type CatalogRule, type RuleFile } from './catalog';
import { compileRule } from './compile';
import type { Sef } from './saxon';

// The compile limit is for uploads; shipped rules are ours, and on a busy machine compiling them at
// start can take far longer than the 0.6-3.7 s it takes on an idle one.
const SHIPPED_COMPILE_TIMEOUT_MS = 600_000;

// Shipped files do not change while the process runs; hubs started by tests share the compilation.
const shippedSef = new Map<RuleFile, Sef>();

/** Seeds the shipped rules (needs the services seeded first); returns the ids of the versions it created. */
export async function seedRules(pool: Pool, catalog: CatalogRule[] = RULE_CATALOG): Promise<string[]> {
  const missing = await missingRuleKeys(pool, catalog);
  const outdated = await outdatedSeedKeys(pool, catalog, (entry) =>
    createHash('sha256').update(ruleText(entry.file)).digest('hex'),
  );
  if (missing.length === 0 && outdated.length === 0) return [];
  // Each file is compiled once, however many keys share it.
  const compiled = new Map<RuleFile, Sef>();
  for (const entry of [...missing, ...outdated]) {
    if (compiled.has(entry.file)) continue;
    const sef =
      shippedSef.get(entry.file) ??
      (await compileRule(ruleText(entry.file), { timeoutMs: SHIPPED_COMPILE_TIMEOUT_MS }));
    shippedSef.set(entry.file, sef);
    compiled.set(entry.file, sef);
  }
  return inTransaction(pool, async (client) => {
    const created: string[] = [];
    for (const entry of missing) {
      const id = await insertSeedVersion(
        client,
        entry,
        ruleText(entry.file),
        compiled.get(entry.file)!,
        entry.note,
      );
      if (id) created.push(id);
    }
    for (const entry of outdated) {
      const id = await insertSeedUpgrade(
        client,
        entry,
        ruleText(entry.file),
        compiled.get(entry.file)!,
        entry.note,
      );
      if (id) created.push(id);
    }
    if (created.length > 0) {
      await appendProtocol(client, {
        step: 'admin',
        outcome: 'ok',
        detail: { action: 'rule-seed', count: created.length, files: [...compiled.keys()], rules: created },
      });
    }
    return created;
  });
}
