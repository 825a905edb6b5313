// Held–Karp dynamic programming over the movable nodes, with precedence as a filter on
// which node may be appended to a visited set. Most courier routes are short, and for
// those an optimal answer costs less than the heuristic machinery: m movable stops take
// m²·2^m steps (12 stops ≈ 0.6 M steps, ~2 ms; 16 stops ~120 ms) and 2^m·m cells of memory.
import type { NodeSequence } from './construction';
import type { PinnedPathProblem } from './problem';

/** Above this many movable stops the table gets too large to be worth it. */
export const EXACT_SOLVER_STOP_LIMIT = 16;

export function exactSequence(problem: PinnedPathProblem): NodeSequence {
  const { nodeCount, costs, startNode, endNode, predecessorStart, predecessors } = problem;
  const movable: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (v !== startNode && v !== endNode) movable.push(v);
  const m = movable.length;
  if (m > EXACT_SOLVER_STOP_LIMIT) throw new RangeError(`The exact solver handles at most ${EXACT_SOLVER_STOP_LIMIT} movable stops, got ${m}.`);
  const sequence = new Int32Array(nodeCount);
  sequence[0] = startNode;
  sequence[nodeCount - 1] = endNode;
  if (m === 0) return sequence;

  const bitOfNode = new Int32Array(nodeCount).fill(-1);
  movable.forEach((v, bit) => (bitOfNode[v] = bit));
  // requiredBefore[j]: the movable nodes that must already be visited before j.
  const requiredBefore = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const v = movable[j];
    for (let e = predecessorStart[v]; e < predecessorStart[v + 1]; e++) {
      const bit = bitOfNode[predecessors[e]];
      if (bit >= 0) requiredBefore[j] |= 1 << bit;
    }
  }

  const subsetCount = 1 << m;
  // best[mask * m + j]: cheapest path start → (all of mask) ending at j ∈ mask.
  const best = new Float64Array(subsetCount * m).fill(Infinity);
  const previous = new Int8Array(subsetCount * m).fill(-1);
  for (let j = 0; j < m; j++) if (requiredBefore[j] === 0) best[(1 << j) * m + j] = costs[startNode * nodeCount + movable[j]];
  for (let mask = 1; mask < subsetCount; mask++) {
    for (let j = 0; j < m; j++) {
      const here = best[mask * m + j];
      if (here === Infinity) continue;
      const row = movable[j] * nodeCount;
      for (let k = 0; k < m; k++) {
        const bit = 1 << k;
        if (mask & bit || (requiredBefore[k] & mask) !== requiredBefore[k]) continue;
        const cell = (mask | bit) * m + k;
        const candidate = here + costs[row + movable[k]];
        if (candidate < best[cell]) {
          best[cell] = candidate;
          previous[cell] = j;
        }
      }
    }
  }

  const full = subsetCount - 1;
  let last = -1;
  let cheapest = Infinity;
  for (let j = 0; j < m; j++) {
    const total = best[full * m + j] + costs[movable[j] * nodeCount + endNode];
    if (total < cheapest) {
      cheapest = total;
      last = j;
    }
  }
  for (let mask = full, j = last, p = m; p >= 1; p--) {
    sequence[p] = movable[j];
    const before = previous[mask * m + j];
    mask &= ~(1 << j);
    j = before;
  }
  return sequence;
}
