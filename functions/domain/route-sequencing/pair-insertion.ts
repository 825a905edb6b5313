// Pair insertion: builds a sequence by inserting stops one by one, in random order, each
// at its cheapest feasible place, and a pickup together with its delivery (the cheapest
// pair of places, pickup first). Cheapest insertion handles pickups and deliveries as
// independent stops: a pickup is placed before anything is known about where its
// delivery will go, which on pickup-delivery routes starts the search ~10 % higher.
import type { PinnedPathProblem } from './problem';
import { randomInt, type Random } from './random';

/** Pair insertion of every movable node into start → end. */
export function pairInsertionSequence(problem: PinnedPathProblem, random: Random): Int32Array {
  return new PairInserter(problem).build(random);
}

class PairInserter {
  private readonly nodeCount: number;
  private readonly costs: Float64Array;
  private readonly problem: PinnedPathProblem;
  /** Partial path and each node's position in it (−1: not placed yet). */
  private readonly path: Int32Array;
  private pathLength = 0;
  private readonly position: Int32Array;
  /** Nodes still to insert, in no particular order. */
  private readonly removed: Int32Array;
  private removedCount = 0;

  constructor(problem: PinnedPathProblem) {
    this.problem = problem;
    this.nodeCount = problem.nodeCount;
    this.costs = problem.costs;
    this.path = new Int32Array(problem.nodeCount);
    this.position = new Int32Array(problem.nodeCount).fill(-1);
    this.removed = new Int32Array(problem.nodeCount);
  }

  build(random: Random): Int32Array {
    const { path, position, removed, problem } = this;
    path[0] = problem.startNode;
    path[1] = problem.endNode;
    position[problem.startNode] = 0;
    position[problem.endNode] = 1;
    this.pathLength = 2;
    for (let v = 0; v < this.nodeCount; v++) if (v !== problem.startNode && v !== problem.endNode) removed[this.removedCount++] = v;

    while (this.removedCount > 0) {
      // A random node whose predecessors are all placed; one exists because the
      // precedence graph is acyclic and everything placed respects it.
      let index = randomInt(random, 0, this.removedCount - 1);
      for (let tries = 0; tries < this.removedCount && !this.isReady(removed[index], -1); tries++) index = (index + 1) % this.removedCount;
      const node = removed[index];
      this.takeRemoved(index);
      const partner = this.readyPartner(node);
      if (partner >= 0) {
        this.takeRemoved(this.removedIndexOf(partner));
        this.insertPair(node, partner);
      } else {
        this.insertSingle(node);
      }
    }
    return Int32Array.from(path);
  }

  private takeRemoved(index: number): void {
    this.removed[index] = this.removed[--this.removedCount];
  }

  private removedIndexOf(node: number): number {
    for (let i = 0; i < this.removedCount; i++) if (this.removed[i] === node) return i;
    return -1;
  }

  /** All predecessors placed, ignoring `except` (about to be placed with it). */
  private isReady(node: number, except: number): boolean {
    const { predecessorStart, predecessors } = this.problem;
    for (let e = predecessorStart[node]; e < predecessorStart[node + 1]; e++) {
      const before = predecessors[e];
      if (before !== except && this.position[before] < 0) return false;
    }
    return true;
  }

  /** A not-yet-placed successor of `node` that becomes ready once `node` is placed. */
  private readyPartner(node: number): number {
    const { successorStart, successors } = this.problem;
    for (let e = successorStart[node]; e < successorStart[node + 1]; e++) {
      const after = successors[e];
      if (this.position[after] < 0 && this.isReady(after, node)) return after;
    }
    return -1;
  }

  /** Gaps "after position g" that keep `node` after its placed predecessors and before its placed successors. */
  private window(node: number): [number, number] {
    const { successorStart, successors, predecessorStart, predecessors } = this.problem;
    let lowest = 0;
    let highest = this.pathLength - 2;
    for (let e = predecessorStart[node]; e < predecessorStart[node + 1]; e++) lowest = Math.max(lowest, this.position[predecessors[e]]);
    for (let e = successorStart[node]; e < successorStart[node + 1]; e++) {
      const at = this.position[successors[e]];
      if (at >= 0) highest = Math.min(highest, at - 1);
    }
    return [lowest, highest];
  }

  private insertionCost(node: number, gap: number): number {
    const { costs, nodeCount, path } = this;
    const u = path[gap];
    const v = path[gap + 1];
    return costs[u * nodeCount + node] + costs[node * nodeCount + v] - costs[u * nodeCount + v];
  }

  private insertSingle(node: number): void {
    const [lowest, highest] = this.window(node);
    let bestGap = lowest;
    let bestCost = Infinity;
    for (let g = lowest; g <= highest; g++) {
      const cost = this.insertionCost(node, g);
      if (cost < bestCost) {
        bestCost = cost;
        bestGap = g;
      }
    }
    this.insertAfter(node, bestGap);
  }

  /**
   * Cheapest joint insertion of `first` then `second`, in O(path length): sweep the
   * second's gap and keep the best first-gap seen so far. Same gap means u → first →
   * second → v.
   */
  private insertPair(first: number, second: number): void {
    const { costs, nodeCount, path } = this;
    const [firstLowest, firstHighest] = this.window(first);
    const [secondLowestRaw, secondHighest] = this.window(second);
    const secondLowest = Math.max(secondLowestRaw, firstLowest);
    let bestFirstGap = -1;
    let bestFirstCost = Infinity;
    let best = Infinity;
    let bestPair: [number, number] = [firstLowest, firstLowest];
    for (let g = firstLowest; g < secondLowest && g <= firstHighest; g++) {
      const cost = this.insertionCost(first, g);
      if (cost < bestFirstCost) {
        bestFirstCost = cost;
        bestFirstGap = g;
      }
    }
    for (let g = secondLowest; g <= secondHighest; g++) {
      if (g <= firstHighest) {
        const u = path[g];
        const v = path[g + 1];
        const together = costs[u * nodeCount + first] + costs[first * nodeCount + second] + costs[second * nodeCount + v] - costs[u * nodeCount + v];
        if (together < best) {
          best = together;
          bestPair = [g, g];
        }
      }
      if (bestFirstGap >= 0) {
        const apart = bestFirstCost + this.insertionCost(second, g);
        if (apart < best) {
          best = apart;
          bestPair = [bestFirstGap, g];
        }
      }
      if (g <= firstHighest) {
        const cost = this.insertionCost(first, g);
        if (cost < bestFirstCost) {
          bestFirstCost = cost;
          bestFirstGap = g;
        }
      }
    }
    // Second first, so that the first's gap index stays valid (and, in a shared gap,
    // the first lands in front of the second).
    this.insertAfter(second, bestPair[1]);
    this.insertAfter(first, bestPair[0]);
  }

  private insertAfter(node: number, gap: number): void {
    const { path, position } = this;
    for (let p = this.pathLength; p > gap + 1; p--) {
      path[p] = path[p - 1];
      position[path[p]] = p;
    }
    path[gap + 1] = node;
    position[node] = gap + 1;
    this.pathLength++;
  }
}
