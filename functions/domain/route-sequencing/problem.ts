// Checks the caller's input and turns it into the one shape every algorithm here works
// on: a path with both ends pinned. Open paths and closed tours become pinned paths by
// adding one virtual node at the end, so construction, local search and the exact solver
// need no wrap-around or "free end" special cases:
// - open path: the virtual end costs 0 to reach from anywhere, so the last real stop is
//   whichever the search likes best;
// - return to start: the virtual end is a copy of the start (same row and column), so
//   the leg into it is the return leg;
// - fixed end: that stop itself is the pinned end; no virtual node.
import { DomainError, type FieldIssue } from '../errors';
import type { CostMatrix, RouteSequencingInput } from './types';

export class InvalidRouteProblem extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('InvalidRouteProblem', issues.map((issue) => issue.message).join(' '), { issues });
  }
}

export interface PinnedPathProblem {
  /** Stops in the caller's matrix. */
  stopCount: number;
  /** Nodes in the working matrix: `stopCount`, plus 1 when a virtual end was added. */
  nodeCount: number;
  /** Row-major `nodeCount × nodeCount` working costs. */
  costs: Float64Array;
  symmetric: boolean;
  startNode: number;
  /** Node pinned last: the fixed end stop, or the virtual node `stopCount`. */
  endNode: number;
  /** The virtual end node is not a stop and is dropped from the answer. */
  endIsVirtual: boolean;
  /**
   * Open path: the virtual end is 0 away from every node, so it is no one's "nearby"
   * node and is left out of neighbour lists.
   */
  openEnd: boolean;
  /**
   * Precedence among movable nodes as adjacency lists in CSR form (offsets + flat list):
   * the nodes that must come after node v are `successors[successorStart[v] .. successorStart[v+1])`.
   * Pairs made true by the pinned ends (pickup at the start, delivery at a fixed end) are dropped.
   */
  successorStart: Int32Array;
  successors: Int32Array;
  predecessorStart: Int32Array;
  predecessors: Int32Array;
  precedencePairCount: number;
}

function readMatrix(costs: CostMatrix, issues: FieldIssue[]): { size: number; values: Float64Array } | null {
  if ('costs' in costs && costs.costs instanceof Float64Array) {
    const { size } = costs;
    if (!Number.isInteger(size) || size < 1 || costs.costs.length !== size * size) {
      issues.push({ field: 'costs', code: 'MATRIX_SHAPE', message: `A flat cost matrix of size ${size} needs ${size}² values, got ${costs.costs.length}.` });
      return null;
    }
    for (let i = 0; i < costs.costs.length; i++) {
      // The diagonal is never used, so a NaN there is tolerated (as for array rows).
      if (!Number.isFinite(costs.costs[i]) && Math.floor(i / size) !== i % size) {
        issues.push({ field: 'costs', code: 'MATRIX_VALUE', message: `Cost [${Math.floor(i / size)}][${i % size}] is not a finite number; use a large penalty for unreachable legs.` });
        return null;
      }
    }
    return { size, values: costs.costs };
  }
  const rows = costs as readonly (readonly number[])[];
  const size = rows.length;
  if (size < 1) {
    issues.push({ field: 'costs', code: 'MATRIX_SHAPE', message: 'The cost matrix is empty.' });
    return null;
  }
  const values = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const row = rows[i];
    if (!row || row.length !== size) {
      issues.push({ field: `costs.${i}`, code: 'MATRIX_SHAPE', message: `Row ${i} of the cost matrix has ${row?.length ?? 0} values; the matrix must be ${size} × ${size}.` });
      return null;
    }
    for (let j = 0; j < size; j++) {
      const value = row[j];
      // The diagonal is never used, so a missing/NaN diagonal is tolerated.
      if (i !== j && !Number.isFinite(value)) {
        issues.push({ field: `costs.${i}.${j}`, code: 'MATRIX_VALUE', message: `Cost [${i}][${j}] is not a finite number; use a large penalty for unreachable legs.` });
        return null;
      }
      values[i * size + j] = i === j ? 0 : value;
    }
  }
  return { size, values };
}

const isStopIndex = (value: unknown, size: number): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < size;

export function toPinnedPathProblem(input: RouteSequencingInput): PinnedPathProblem {
  const issues: FieldIssue[] = [];
  const matrix = readMatrix(input.costs, issues);
  if (!matrix) throw new InvalidRouteProblem(issues);
  const stopCount = matrix.size;
  const { start } = input;
  const end = input.end ?? { kind: 'open' as const };
  if (!isStopIndex(start, stopCount)) issues.push({ field: 'start', code: 'STOP_INDEX', message: `The start ${start} is not a stop index (0 … ${stopCount - 1}).` });
  if (end.kind === 'fixed') {
    if (!isStopIndex(end.stop, stopCount)) issues.push({ field: 'end.stop', code: 'STOP_INDEX', message: `The fixed end ${end.stop} is not a stop index (0 … ${stopCount - 1}).` });
    else if (end.stop === start) issues.push({ field: 'end.stop', code: 'END_IS_START', message: 'A route that ends where it starts is a return-to-start route.' });
  }
  if (issues.length > 0) throw new InvalidRouteProblem(issues);

  const endIsVirtual = end.kind !== 'fixed';
  const nodeCount = endIsVirtual ? stopCount + 1 : stopCount;
  const endNode = end.kind === 'fixed' ? end.stop : stopCount;
  let costs: Float64Array;
  if (!endIsVirtual) {
    // Copied so that the diagonal can be zeroed without touching the caller's array.
    costs = Float64Array.from(matrix.values);
    for (let i = 0; i < stopCount; i++) costs[i * stopCount + i] = 0;
  } else {
    costs = new Float64Array(nodeCount * nodeCount);
    for (let i = 0; i < stopCount; i++) {
      costs.set(matrix.values.subarray(i * stopCount, (i + 1) * stopCount), i * nodeCount);
      costs[i * nodeCount + i] = 0;
    }
    const virtualEnd = stopCount;
    for (let i = 0; i < stopCount; i++) {
      if (end.kind === 'return-to-start') {
        costs[i * nodeCount + virtualEnd] = i === start ? 0 : matrix.values[i * stopCount + start];
        costs[virtualEnd * nodeCount + i] = i === start ? 0 : matrix.values[start * stopCount + i];
      }
      // Open path: legs to and from the virtual end stay 0. Leaving it is never costed
      // (it is last), but keeping its row equal to its column keeps a symmetric matrix
      // symmetric, which lets local search skip the reversed-segment bookkeeping.
    }
  }

  let symmetric = true;
  for (let i = 0; i < nodeCount && symmetric; i++) {
    for (let j = i + 1; j < nodeCount; j++) {
      if (costs[i * nodeCount + j] !== costs[j * nodeCount + i]) {
        symmetric = false;
        break;
      }
    }
  }

  // Precedence: validate, drop pairs the pinned ends satisfy, deduplicate.
  const pairKeys = new Set<number>();
  const pairs: [number, number][] = [];
  (input.precedence ?? []).forEach((pair, index) => {
    const field = `precedence.${index}`;
    if (!isStopIndex(pair.pickup, stopCount) || !isStopIndex(pair.delivery, stopCount)) {
      issues.push({ field, code: 'STOP_INDEX', message: `Precedence pair ${index} names a stop that does not exist.` });
      return;
    }
    if (pair.pickup === pair.delivery) {
      issues.push({ field, code: 'SELF_PRECEDENCE', message: `Precedence pair ${index} asks stop ${pair.pickup} to come before itself.` });
      return;
    }
    if (pair.delivery === start) {
      issues.push({ field, code: 'BEFORE_START', message: `Stop ${pair.pickup} cannot come before the start ${start}.` });
      return;
    }
    if (!endIsVirtual && pair.pickup === endNode) {
      issues.push({ field, code: 'AFTER_END', message: `Stop ${pair.delivery} cannot come after the fixed end ${endNode}.` });
      return;
    }
    if (pair.pickup === start || pair.delivery === endNode) return;
    const key = pair.pickup * stopCount + pair.delivery;
    if (pairKeys.has(key)) return;
    pairKeys.add(key);
    pairs.push([pair.pickup, pair.delivery]);
  });
  if (issues.length > 0) throw new InvalidRouteProblem(issues);

  const successorStart = new Int32Array(nodeCount + 1);
  const predecessorStart = new Int32Array(nodeCount + 1);
  for (const [before, after] of pairs) {
    successorStart[before + 1]++;
    predecessorStart[after + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) {
    successorStart[v + 1] += successorStart[v];
    predecessorStart[v + 1] += predecessorStart[v];
  }
  const successors = new Int32Array(pairs.length);
  const predecessors = new Int32Array(pairs.length);
  const successorFill = successorStart.slice(0, nodeCount);
  const predecessorFill = predecessorStart.slice(0, nodeCount);
  for (const [before, after] of pairs) {
    successors[successorFill[before]++] = after;
    predecessors[predecessorFill[after]++] = before;
  }

  // A cycle (a before b before … before a) leaves no valid order: find it with Kahn's
  // topological sort so the caller gets a clear error instead of a silently broken pair.
  const pendingPredecessors = new Int32Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) pendingPredecessors[v] = predecessorStart[v + 1] - predecessorStart[v];
  const ready: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (pendingPredecessors[v] === 0) ready.push(v);
  let sorted = 0;
  while (ready.length > 0) {
    const v = ready.pop() as number;
    sorted++;
    for (let e = successorStart[v]; e < successorStart[v + 1]; e++) if (--pendingPredecessors[successors[e]] === 0) ready.push(successors[e]);
  }
  if (sorted < nodeCount) {
    const inCycle = [...pendingPredecessors.keys()].filter((v) => pendingPredecessors[v] > 0);
    throw new InvalidRouteProblem([
      { field: 'precedence', code: 'PRECEDENCE_CYCLE', message: `The precedence pairs form a cycle through stops ${inCycle.join(', ')}; no order satisfies them.` },
    ]);
  }

  return {
    stopCount,
    nodeCount,
    costs,
    symmetric,
    startNode: start,
    endNode,
    endIsVirtual,
    openEnd: end.kind === 'open',
    successorStart,
    successors,
    predecessorStart,
    predecessors,
    precedencePairCount: pairs.length,
  };
}

/** Cost of a pinned path given as node sequence (start … end). */
export function pinnedPathCost(problem: PinnedPathProblem, sequence: ArrayLike<number>): number {
  const { costs, nodeCount } = problem;
  let total = 0;
  for (let p = 0; p + 1 < sequence.length; p++) total += costs[sequence[p] * nodeCount + sequence[p + 1]];
  return total;
}

/** True when every precedence pair holds in the node sequence. */
export function respectsPrecedence(problem: PinnedPathProblem, sequence: ArrayLike<number>): boolean {
  const position = new Int32Array(problem.nodeCount);
  for (let p = 0; p < sequence.length; p++) position[sequence[p]] = p;
  for (let v = 0; v < problem.nodeCount; v++) {
    for (let e = problem.successorStart[v]; e < problem.successorStart[v + 1]; e++) if (position[problem.successors[e]] <= position[v]) return false;
  }
  return true;
}
