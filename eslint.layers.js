// The layer rule: a source folder imports only its own layer and the layers below it. The one exception
// is workflow code importing activity *types* (`import type`), which the Temporal proxy needs.
import path from 'node:path';

/** Top-level source folders from the bottom layer (0) up; test/ is outside the layers and may import all. */
export const LAYERS = [
  // Deterministic workflow code and the plain data contracts every layer shares (case types, status
  // vocabulary, search attributes, the compiled BPMN model). Imports nothing outside itself.
  ['workflows'],
  ['platform'], // configuration, embedded servers, the XML safety gate, paths
  ['db'], // SQL access, migrations, seed data
  ['rules', 'bpmn'], // integration rules and the BPMN importer, each with its depot
  ['activities'], // side effects: the steps the workflows run
  ['api', 'worker', 'demo', 'portal'], // HTTP API, worker factory, the fictive test organisation, the web portal's browser code (imports only itself)
  ['cmd', 'bench'], // entry points and process assembly; benchmarks are entry points too
];

const ROOT = import.meta.dirname;
const layerOf = new Map(LAYERS.flatMap((folders, level) => folders.map((f) => [f, level])));

/** The top-level folder of a path relative to the repository root, or undefined for root files. */
export function folderOf(relativePath) {
  const [first, ...rest] = relativePath.split(/[\\/]/);
  return rest.length > 0 ? first : path.basename(first, path.extname(first));
}

function check(context, node, source, typeOnly) {
  if (typeof source !== 'string' || !source.startsWith('.')) return;
  const from = folderOf(path.relative(ROOT, context.filename));
  const to = folderOf(path.relative(ROOT, path.resolve(path.dirname(context.filename), source)));
  const fromLevel = layerOf.get(from);
  const toLevel = layerOf.get(to);
  if (from === to || fromLevel === undefined) return;
  if (toLevel === undefined) {
    context.report({ node, message: `${from}/ may not import ${source}: ${to}/ is outside the layers.` });
    return;
  }
  if (from === 'workflows' && to === 'activities' && typeOnly) return;
  if (toLevel > fromLevel || (from === 'workflows' && to !== 'workflows')) {
    context.report({
      node,
      message:
        from === 'workflows'
          ? `workflows/ imports nothing outside itself but activity types (import type); not ${source}.`
          : `${from}/ (layer ${fromLevel}) may not import ${to}/ (layer ${toLevel}): move the shared part down.`,
    });
  }
}

/** ESLint plugin with the one rule `layers/layers`. */
export const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const declaration = (node) =>
          check(context, node, node.source?.value, node.importKind === 'type' || node.exportKind === 'type');
        return {
          ImportDeclaration: declaration,
          ExportNamedDeclaration: declaration,
          ExportAllDeclaration: declaration,
          ImportExpression: (node) => check(context, node, node.source.value, false),
        };
      },
    },
  },
};
