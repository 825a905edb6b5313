// Our own rule for state machines: JSONPath only. The local engine (aws-local-stepfunctions)
// has no JSONata and no workflow variables, so a definition that used them would run on AWS
// and fail locally (or, worse, behave differently). asl-validator accepts both, so this
// rule is what rejects them.

export interface AslViolation {
  /** Where, as a JSONPath into the definition, e.g. $.States.Quote.Assign */
  path: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields that exist only for JSONata states or for variables. */
const STATE_FIELDS_NOT_SUPPORTED: Record<string, string> = {
  Assign: 'variables (Assign) are not supported by the local engine',
  Arguments: 'Arguments is a JSONata field; use Parameters',
  Output: 'Output is a JSONata field; use ResultSelector/ResultPath/OutputPath',
  Items: 'Items is a JSONata field; use ItemsPath',
};
/** The same for the rules inside a Choice state and for Catch clauses. */
const RULE_FIELDS_NOT_SUPPORTED: Record<string, string> = {
  Assign: 'variables (Assign) are not supported by the local engine',
  Output: 'Output is a JSONata field; use ResultPath',
  Condition: 'Condition is a JSONata field; use Variable with a comparison operator',
};

const isObject = (value: unknown): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

function member(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Every violation of the JSONPath-only rule in a parsed ASL definition; [] when it complies. */
export function jsonPathOnlyViolations(definition: unknown): AslViolation[] {
  const violations: AslViolation[] = [];
  findJsonata(definition as Json, '$', violations);
  if (isObject(definition)) walkMachine(definition, '$', violations);
  return violations;
}

/** `"QueryLanguage": "JSONata"` anywhere: on the machine, on a state, inside a Map or Parallel. */
function findJsonata(value: Json, path: string, out: AslViolation[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => findJsonata(item, `${path}[${index}]`, out));
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = member(path, key);
      if (key === 'QueryLanguage' && child === 'JSONata') out.push({ path: childPath, message: 'JSONata is not supported by the local engine; write JSONPath' });
      findJsonata(child, childPath, out);
    }
  }
}

function walkMachine(machine: { [key: string]: Json }, path: string, out: AslViolation[]): void {
  const states = machine.States;
  if (!isObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (isObject(state)) checkState(state, member(member(path, 'States'), name), out);
  }
}

function checkState(state: { [key: string]: Json }, path: string, out: AslViolation[]): void {
  for (const [field, message] of Object.entries(STATE_FIELDS_NOT_SUPPORTED)) {
    if (field in state) out.push({ path: member(path, field), message });
  }
  const rules: [string, Json | undefined][] = [
    ['Choices', state.Choices],
    ['Catch', state.Catch],
  ];
  for (const [field, list] of rules) {
    if (!Array.isArray(list)) continue;
    list.forEach((rule, index) => {
      if (!isObject(rule)) return;
      for (const [key, message] of Object.entries(RULE_FIELDS_NOT_SUPPORTED)) {
        if (key in rule) out.push({ path: `${member(path, field)}[${index}].${key}`, message });
      }
    });
  }
  // Reading a variable looks like a path without the dot: "$name" rather than "$.name" or "$$.Context".
  for (const [field, value] of Object.entries(state)) {
    if (field.endsWith('Path') && typeof value === 'string') checkPathString(value, member(path, field), out);
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector']) {
    if (state[field] !== undefined) checkPayloadTemplate(state[field], member(path, field), out);
  }
  if (Array.isArray(state.Choices)) state.Choices.forEach((rule, index) => checkChoiceRule(rule, `${member(path, 'Choices')}[${index}]`, out));

  // Nested machines: a Map's processor (or its older Iterator) and each Parallel branch.
  if (state.Type === 'Map') {
    const processor = isObject(state.ItemProcessor) ? state.ItemProcessor : state.Iterator;
    if (isObject(processor)) walkMachine(processor, member(path, isObject(state.ItemProcessor) ? 'ItemProcessor' : 'Iterator'), out);
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, index) => {
      if (isObject(branch)) walkMachine(branch, `${member(path, 'Branches')}[${index}]`, out);
    });
  }
}

function checkChoiceRule(rule: Json, path: string, out: AslViolation[]): void {
  if (!isObject(rule)) return;
  if (typeof rule.Variable === 'string') checkPathString(rule.Variable, member(path, 'Variable'), out);
  for (const [key, value] of Object.entries(rule)) {
    if (key.endsWith('Path') && typeof value === 'string') checkPathString(value, member(path, key), out);
  }
  for (const key of ['And', 'Or']) {
    const nested = rule[key];
    if (Array.isArray(nested)) nested.forEach((inner, index) => checkChoiceRule(inner, `${member(path, key)}[${index}]`, out));
  }
  if (rule.Not !== undefined) checkChoiceRule(rule.Not, member(path, 'Not'), out);
}

/** "key.$" values in Parameters/ResultSelector/ItemSelector are paths or intrinsic functions. */
function checkPayloadTemplate(value: Json, path: string, out: AslViolation[]): void {
  if (Array.isArray(value)) value.forEach((item, index) => checkPayloadTemplate(item, `${path}[${index}]`, out));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.endsWith('.$') && typeof child === 'string') checkPathString(child, member(path, key), out);
      else checkPayloadTemplate(child, member(path, key), out);
    }
  }
}

const VARIABLE_REFERENCE = /(^|[\s(,])\$[A-Za-z_]/;

function checkPathString(value: string, path: string, out: AslViolation[]): void {
  if (VARIABLE_REFERENCE.test(value)) out.push({ path, message: `${JSON.stringify(value)} reads a variable; variables are not supported by the local engine` });
}
