// The folder import graph, built from the sources: every source folder has a layer, and no folder
// cycle exists (lint's layer rule allows imports within a layer, so this keeps those one-way).
// Workflow -> activity type imports are left out: they are the layer rule's one exception.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LAYERS, folderOf } from '../../eslint.layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTSIDE = new Set(['test', 'node_modules', 'docs']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** folder -> folders it imports (type imports included), from every .ts file outside test/. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const folders = fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !OUTSIDE.has(e.name));
  for (const folder of folders) {
    for (const file of sourceFiles(path.join(ROOT, folder.name))) {
      const from = folderOf(path.relative(ROOT, file));
      const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
      for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const to = folderOf(path.relative(ROOT, path.resolve(path.dirname(file), fileName)));
        // The one sanctioned upward arrow (activity types for the proxy; lint keeps it `import type`).
        if (to !== from && !(from === 'workflows' && to === 'activities')) edges.add(to);
      }
    }
  }
  return graph;
}

/** One cycle as a list of nodes (first = last), or undefined if the graph has none. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('folder layout', () => {
  const graph = folderGraph();

  it('gives every source folder a layer, so none escapes the lint rule', () => {
    const layered = new Set(LAYERS.flat());
    expect(graph.size).toBeGreaterThanOrEqual(layered.size);
    expect([...graph.keys()].filter((f) => !layered.has(f))).toEqual([]);
  });

  it('has no folder cycles, type imports included', () => {
    expect(graph.get('cmd')).toContain('api');
    expect(findCycle(graph)).toBeUndefined();
  });

  // The interpreter shares the contracts every office process has with the case (incidents, the one
  // completeUserTask update, form checks, search attribute names) and nothing of the application lifecycle.
  const SHARED_CONTRACTS = ['incidents', 'userTasks', 'forms', 'searchAttributes'].map((name) =>
    path.join('workflows', name),
  );

  it('keeps the BPMN interpreter (workflows/bpmn/) self-contained: only the shared contracts', () => {
    const outside = sourceFiles(path.join(ROOT, 'workflows/bpmn')).flatMap((file) =>
      ts
        .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
        .importedFiles.map(({ fileName }) => fileName)
        .filter((f) => f.startsWith('.'))
        .map((f) => path.relative(ROOT, path.resolve(path.dirname(file), f)))
        .filter((target) => !target.startsWith(`workflows${path.sep}bpmn${path.sep}`))
        .filter((target) => !SHARED_CONTRACTS.includes(target.replace(/\.ts$/, '')))
        .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('finds a cycle where there is one', () => {
    const withCycle = new Map(graph);
    withCycle.set('db', new Set([...(graph.get('db') ?? []), 'rules']));
    withCycle.set('rules', new Set([...(graph.get('rules') ?? []), 'db']));
    expect(findCycle(withCycle)).toEqual(expect.arrayContaining(['db', 'rules']));
  });
});
