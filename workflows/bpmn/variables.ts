// Variable scopes in Camunda 8 style: reads see all enclosing scopes (inner wins); writes without a local
// variable of that name go to the nearest scope that has one, else to the process scope.
import type { IoParameter } from './model';
import { evalValue } from './feel';
import type { Instance } from './state';

export type Instances = Record<string, Instance>;

function chain(instances: Instances, instanceId: string | null): Instance[] {
  const result: Instance[] = [];
  for (let id = instanceId; id !== null;) {
    const instance = instances[id];
    if (!instance) break;
    result.push(instance);
    id = instance.parentId;
  }
  return result;
}

/** All variables visible from an instance. */
export function visibleVariables(instances: Instances, instanceId: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const instance of chain(instances, instanceId).reverse()) Object.assign(result, instance.variables);
  return result;
}

function withPath(current: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const base =
    current !== null && typeof current === 'object' && !Array.isArray(current)
      ? (current as Record<string, unknown>)
      : {};
  const [head, ...rest] = path as [string, ...string[]];
  return { ...base, [head]: withPath(base[head], rest, value) };
}

/** Sets a variable from `fromId` outwards; dotted names (`a.b`) update nested contexts. */
export function propagate(instances: Instances, fromId: string | null, name: string, value: unknown): void {
  const [head, ...path] = name.split('.') as [string, ...string[]];
  const scopes = chain(instances, fromId);
  const target =
    scopes.find((s) => s.variables && Object.hasOwn(s.variables, head)) ?? scopes[scopes.length - 1];
  if (!target) return;
  target.variables ??= {};
  target.variables[head] = withPath(target.variables[head], path, value);
}

/** Sets a local variable on an instance. */
export function setLocal(instance: Instance, name: string, value: unknown): void {
  const [head, ...path] = name.split('.') as [string, ...string[]];
  instance.variables ??= {};
  instance.variables[head] = withPath(instance.variables[head], path, value);
}

/** Input mappings: evaluated in order, each one seeing the ones before, stored as local variables. */
export function applyInputs(instances: Instances, instance: Instance, inputs: IoParameter[]): void {
  for (const input of inputs)
    setLocal(instance, input.target, evalValue(input.source, visibleVariables(instances, instance.id)));
}

/**
 * Result of an element (job output, form output, message variables): with output mappings only the mapped
 * values leave the element; otherwise each result variable updates the nearest scope that has it, starting
 * at the element itself (so a result named like an input-mapped local stays local, as in Camunda 8).
 */
export function applyResult(
  instances: Instances,
  instance: Instance,
  result: Record<string, unknown>,
  outputs: IoParameter[] | undefined,
): void {
  if (outputs && outputs.length > 0) {
    const context = { ...visibleVariables(instances, instance.id), ...result };
    for (const output of outputs)
      propagate(instances, instance.parentId, output.target, evalValue(output.source, context));
    return;
  }
  for (const [name, value] of Object.entries(result)) propagate(instances, instance.id, name, value);
}
