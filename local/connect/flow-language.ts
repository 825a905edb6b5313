// The parts of Amazon Connect's flow language (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html)
// that the local interpreter runs: the document, its actions and their transitions, and the
// JSONPath-like references ($.Lex.IntentName, $.Attributes.x) parameters and comparisons use.

export interface FlowCondition {
  NextAction: string;
  Condition: { Operator: string; Operands: string[] };
}

export interface FlowTransitions {
  NextAction?: string;
  Conditions?: FlowCondition[];
  Errors?: { NextAction: string; ErrorType: string }[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: FlowTransitions;
}

export interface ContactFlowDocument {
  Version: string;
  StartAction: string;
  Metadata?: unknown;
  Actions: FlowAction[];
}

/** Action types the local interpreter runs; a flow using any other is refused when loaded. */
export const SUPPORTED_ACTIONS = [
  'MessageParticipant',
  'UpdateContactTextToSpeechVoice',
  'UpdateContactData',
  'UpdateContactAttributes',
  'Compare',
  'ConnectParticipantWithLexBot',
  'UpdateContactTargetQueue',
  'TransferContactToQueue',
  'DisconnectParticipant',
] as const;

export const SUPPORTED_OPERATORS = ['Equals', 'TextStartsWith', 'TextEndsWith', 'TextContains', 'NumberGreaterThan', 'NumberLessThan'] as const;

export class ContactFlowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContactFlowError';
  }
}

/** Checks what Connect checks when a flow is saved, for the actions we use: targets exist, types are known. */
export function validateContactFlow(document: ContactFlowDocument): void {
  const ids = new Set(document.Actions.map((action) => action.Identifier));
  if (ids.size !== document.Actions.length) throw new ContactFlowError('two actions share an Identifier');
  if (!ids.has(document.StartAction)) throw new ContactFlowError(`StartAction ${document.StartAction} is not an action`);
  for (const action of document.Actions) {
    if (!(SUPPORTED_ACTIONS as readonly string[]).includes(action.Type)) throw new ContactFlowError(`${action.Identifier}: the local interpreter does not run ${action.Type}`);
    const targets = [action.Transitions.NextAction, ...(action.Transitions.Conditions ?? []).map((c) => c.NextAction), ...(action.Transitions.Errors ?? []).map((e) => e.NextAction)];
    for (const target of targets) if (target !== undefined && !ids.has(target)) throw new ContactFlowError(`${action.Identifier} goes to ${target}, which is not an action`);
    for (const condition of action.Transitions.Conditions ?? []) {
      if (!(SUPPORTED_OPERATORS as readonly string[]).includes(condition.Condition.Operator)) throw new ContactFlowError(`${action.Identifier}: unknown operator ${condition.Condition.Operator}`);
      if (!Array.isArray(condition.Condition.Operands)) throw new ContactFlowError(`${action.Identifier}: Operands must be an array`);
    }
    const ends = action.Type === 'DisconnectParticipant';
    if (!ends && !action.Transitions.NextAction) throw new ContactFlowError(`${action.Identifier} (${action.Type}) has no NextAction`);
  }
}

/** Whether a condition holds for a value, as Connect compares (text operators are case-sensitive). */
export function conditionHolds(condition: FlowCondition['Condition'], value: string | undefined): boolean {
  if (value === undefined) return false;
  const [operand] = condition.Operands;
  switch (condition.Operator) {
    case 'Equals':
      return condition.Operands.includes(value);
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
    case 'NumberGreaterThan':
      return Number(value) > Number(operand);
    case 'NumberLessThan':
      return Number(value) < Number(operand);
    default:
      return false;
  }
}

/**
 * Resolves a parameter that is a reference ("$.Lex.SessionAttributes.handover") against the
 * contact's data; any other string is a literal. Missing data resolves to undefined.
 */
export function resolveReference(value: unknown, data: Record<string, unknown>): string | undefined {
  if (typeof value !== 'string') return value === undefined || value === null ? undefined : String(value);
  if (!value.startsWith('$.')) return value;
  let current: unknown = data;
  for (const part of value.slice(2).split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined || current === null ? undefined : String(current);
}
