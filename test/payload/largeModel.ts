// Generates a large BPMN model for payload tests: the shipped trade process with a chain of plain tasks
// (long names and documentation) before its register look-up, so it passes any size the test asks for.
import fs from 'node:fs';

/** The shipped trade process grown to at least `minBytes` of XML; returns the XML and the number of steps added. */
export function largeTradeModel(minBytes: number): { xml: string; steps: number } {
  const base = fs.readFileSync('bpmn/trade-default.bpmn', 'utf8');
  const perStep = 520;
  const steps = Math.ceil((minBytes - base.length) / perStep) + 1;
  const id = (i: number) => `Step_${String(i).padStart(6, '0')}`;
  const parts: string[] = [];
  for (let i = 1; i <= steps; i++) {
    const incoming = i === 1 ? 'Flow_ToRegisterLookup' : `Flow_${id(i - 1)}`;
    parts.push(
      `    <bpmn:task id="${id(i)}" name="Prüfschritt ${i}: Angaben der Gewerbeanmeldung mit dem Register abgleichen">\n` +
        `      <bpmn:documentation>Schritt ${i} der Vollständigkeitsprüfung: Name, Anschrift, Tätigkeit und Beginn der Tätigkeit werden mit den Angaben im Gewerberegister verglichen.</bpmn:documentation>\n` +
        `      <bpmn:incoming>${incoming}</bpmn:incoming>\n      <bpmn:outgoing>Flow_${id(i)}</bpmn:outgoing>\n    </bpmn:task>\n` +
        `    <bpmn:sequenceFlow id="Flow_${id(i)}" sourceRef="${id(i)}" targetRef="${i === steps ? 'Task_RegisterLookup' : id(i + 1)}" />\n`,
    );
  }
  const xml = base
    .replace(
      '<bpmn:sequenceFlow id="Flow_ToRegisterLookup" sourceRef="StartEvent_Received" targetRef="Task_RegisterLookup" />',
      `<bpmn:sequenceFlow id="Flow_ToRegisterLookup" sourceRef="StartEvent_Received" targetRef="${id(1)}" />\n${parts.join('')}`,
    )
    .replace(
      '<bpmn:incoming>Flow_ToRegisterLookup</bpmn:incoming>',
      `<bpmn:incoming>Flow_${id(steps)}</bpmn:incoming>`,
    );
  if (xml === base || !xml.includes(`targetRef="${id(1)}"`))
    throw new Error('trade-default.bpmn changed shape');
  return { xml, steps };
}
