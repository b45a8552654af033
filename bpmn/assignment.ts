// Who may work on a user task and which form it names, from every place tools write it: Camunda 8
// (zeebe:assignmentDefinition), Camunda 7 attributes, BPMN 2.0 resource roles (potentialOwner,
// humanPerformer) and vendor formKey attributes (e.g. kp:formKey in MIWG C.8.1).
import { child, children, extension, is, text, type BpmnElement } from './is';

export interface Assignment {
  candidateGroups: string[];
  candidateUsers: string[];
  assignee?: string;
  /** A form key written as a vendor attribute (`prefix:formKey`). */
  vendorFormKey?: string;
  /** Where values came from that the Camunda dialects do not cover, for the report. */
  kept: string[];
}

const list = (value: string | undefined): string[] =>
  !value
    ? []
    : value.startsWith('=')
      ? [value]
      : value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);

/**
 * A resource role's expression: `user(a)` / `group(b)` (Camunda 7 and BPMN-tool convention, comma separated)
 * or a bare name, which BPMN 2.0 leaves to the engine; a bare name is read as a group for potential owners.
 */
function fromResourceRole(role: BpmnElement, into: Assignment): void {
  const expression = text(child(child(role, 'resourceAssignmentExpression'), 'expression'), 'body');
  const name = expression ?? text(child(role, 'resourceRef'), 'name');
  if (!name) return;
  for (const part of name
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const user = /^user\((.+)\)$/.exec(part)?.[1]?.trim();
    const group = /^group\((.+)\)$/.exec(part)?.[1]?.trim();
    if (user) into.candidateUsers.push(user);
    else if (group) into.candidateGroups.push(group);
    else if (is(role, 'bpmn:HumanPerformer') && !is(role, 'bpmn:PotentialOwner')) into.assignee ??= part;
    else into.candidateGroups.push(part);
  }
  into.kept.push(`${role.$type.replace('bpmn:', '')} "${name}"`);
}

/** The assignment of a user task; Camunda 8 wins over Camunda 7, which wins over BPMN resource roles. */
export function assignmentOf(node: BpmnElement): Assignment {
  const zeebe = extension(node, 'zeebe:AssignmentDefinition');
  const result: Assignment = {
    candidateGroups: list(text(zeebe, 'candidateGroups') ?? text(node, 'candidateGroups')),
    candidateUsers: list(text(zeebe, 'candidateUsers') ?? text(node, 'candidateUsers')),
    kept: [],
  };
  const assignee = text(zeebe, 'assignee') ?? text(node, 'assignee');
  if (assignee) result.assignee = assignee;
  if (result.candidateGroups.length + result.candidateUsers.length === 0 && !result.assignee) {
    for (const role of children(node, 'resources')) fromResourceRole(role, result);
  }
  const vendorKey = Object.entries(node.$attrs ?? {}).find(([key]) => /^[\w.-]+:formKey$/.test(key));
  if (vendorKey && vendorKey[1].trim() !== '') {
    result.vendorFormKey = vendorKey[1].trim();
    result.kept.push(`form key "${result.vendorFormKey}" (${vendorKey[0]})`);
  }
  return result;
}
