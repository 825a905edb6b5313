// Enhanced subscription filters (extensions.setSubscriptionFilter). AppSync semantics:
// a subscriber receives an event when ANY filter group matches, and a group matches when
// ALL its filters match ("Enhanced subscription filters" in the AppSync developer guide).
export interface SubscriptionFilterRule {
  fieldName: string;
  operator: 'eq' | 'ne' | 'le' | 'lt' | 'ge' | 'gt' | 'contains' | 'notContains' | 'beginsWith' | 'in' | 'notIn' | 'between' | 'containsAny';
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterRule[] }[];
}

function valueAt(payload: unknown, path: string): unknown {
  let current: unknown = payload;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

export function ruleMatches(rule: SubscriptionFilterRule, payload: unknown): boolean {
  const actual = valueAt(payload, rule.fieldName);
  const expected = rule.value;
  switch (rule.operator) {
    case 'eq':
      return same(actual, expected);
    case 'ne':
      return !same(actual, expected);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const c = compare(actual, expected);
      if (c === null) return false;
      return rule.operator === 'lt' ? c < 0 : rule.operator === 'le' ? c <= 0 : rule.operator === 'gt' ? c > 0 : c >= 0;
    }
    case 'contains':
      return typeof actual === 'string' ? typeof expected === 'string' && actual.includes(expected) : Array.isArray(actual) && actual.some((a) => same(a, expected));
    case 'notContains':
      return !ruleMatches({ ...rule, operator: 'contains' }, payload);
    case 'beginsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => same(e, actual));
    case 'notIn':
      return Array.isArray(expected) && !expected.some((e) => same(e, actual));
    case 'between': {
      if (!Array.isArray(expected) || expected.length !== 2) return false;
      const low = compare(actual, expected[0]);
      const high = compare(actual, expected[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(expected) && expected.some((e) => actual.some((a) => same(a, e)));
    default:
      return false;
  }
}

export function filterMatches(filter: SubscriptionFilter | undefined, payload: unknown): boolean {
  if (!filter || !filter.filterGroup || filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) => group.filters.every((rule) => ruleMatches(rule, payload)));
}
