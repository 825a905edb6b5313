// Evaluates ASL Reference Paths (`$.a.b`, `$['a'][0]`, `$$.Execution.Id`): the restricted JSONPath
// the States Language allows in SecondsPath, TimestampPath, ItemsPath, TimeoutSecondsPath and
// HeartbeatSecondsPath. Only dot and single-bracket steps, no wildcards or filters
// (https://states-language.net/#ref-paths). The engine evaluates the paths it sees itself; this is
// for the ones the local service resolves on the engine's behalf (scaled Wait states, timeouts).

export type PathStep = string | number;

export interface ParsedReferencePath {
  /** `$` is the state's input, `$$` the context object. */
  root: 'input' | 'context';
  steps: PathStep[];
}

export class ReferencePathError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`'${path}' is not a valid reference path: ${reason}`);
    this.name = 'ReferencePathError';
  }
}

const DOT_NAME = /^[^.[\]'"\s]+/;

export function parseReferencePath(path: string): ParsedReferencePath {
  if (!path.startsWith('$')) throw new ReferencePathError(path, 'it must start with $');
  const root = path.startsWith('$$') ? 'context' : 'input';
  let at = root === 'context' ? 2 : 1;
  const steps: PathStep[] = [];
  while (at < path.length) {
    const char = path[at];
    if (char === '.') {
      const name = DOT_NAME.exec(path.slice(at + 1))?.[0];
      if (!name) throw new ReferencePathError(path, `expected a field name after '.' at offset ${at}`);
      steps.push(name);
      at += 1 + name.length;
    } else if (char === '[') {
      const close = path.indexOf(']', at);
      if (close < 0) throw new ReferencePathError(path, `unclosed '[' at offset ${at}`);
      const inner = path.slice(at + 1, close);
      if (/^\d+$/.test(inner)) {
        steps.push(Number(inner));
      } else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) {
        steps.push(inner.slice(1, -1));
      } else {
        throw new ReferencePathError(path, `'[${inner}]' is neither an index nor a quoted field name`);
      }
      at = close + 1;
    } else {
      throw new ReferencePathError(path, `unexpected '${char}' at offset ${at}`);
    }
  }
  return { root, steps };
}

export type PathLookup = { found: true; value: unknown } | { found: false };

/** Follows `path` through `input` (or `context` for `$$` paths). Missing fields give `{ found: false }`. */
export function evaluateReferencePath(path: string, input: unknown, context: unknown): PathLookup {
  const parsed = parseReferencePath(path);
  let current: unknown = parsed.root === 'context' ? context : input;
  for (const step of parsed.steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.prototype.hasOwnProperty.call(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}
