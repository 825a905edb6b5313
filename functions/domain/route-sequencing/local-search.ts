// Local search on a pinned path (start … end, both fixed; see problem.ts) with three
// moves, all of which keep every precedence pair:
// - 2-opt: reverse positions p..q. On an asymmetric matrix the reversed stretch is
//   driven the other way round, so the move's gain includes (cost backwards − cost
//   forwards) of that stretch, read in O(1) from two prefix sums along the path.
// - Or-opt: move a stretch of 1–3 stops elsewhere, as is or reversed.
// - segment swap A B C D → A C B D (the double bridge): no reversal, so it is the
//   perturbation ("kick") of the Iterated Local Search in sequence-route.ts.
// Moves are searched from one node at a time, only towards its k nearest nodes
// (neighbour lists), and only for nodes in a work queue: a node leaves the queue when
// no move around it improves and re-enters when one of its edges changes (the queue
// plays the role of "don't-look bits"). After a kick only the ~6 touched nodes are
// queued, so re-optimising costs a few hundred move evaluations, not O(n²).
// Precedence is checked only for moves that would improve the cost, which are rare, so
// the O(segment length) check does not weigh on the search.
import type { NodeSequence } from './construction';
import type { PinnedPathProblem } from './problem';
import { randomInt, type Random } from './random';

/**
 * For each node, its `neighbourCount` nearest other nodes, nearest first. "Near" is
 * min(cost there, cost back): a node that is cheap to reach in either direction is a
 * good candidate for a new edge in one direction or the other.
 */
export function nearestNeighbourLists(problem: PinnedPathProblem, neighbourCount: number): { lists: Int32Array; width: number } {
  const { nodeCount, costs } = problem;
  const excluded = problem.openEnd ? problem.endNode : -1;
  const width = Math.max(0, Math.min(neighbourCount, nodeCount - 1 - (excluded >= 0 ? 1 : 0)));
  const lists = new Int32Array(nodeCount * width);
  const keys = new Float64Array(width);
  for (let x = 0; x < nodeCount; x++) {
    let filled = 0;
    const base = x * width;
    for (let c = 0; c < nodeCount; c++) {
      if (c === x || c === excluded) continue;
      const key = Math.min(costs[x * nodeCount + c], costs[c * nodeCount + x]);
      if (filled === width && key >= keys[width - 1]) continue;
      // Insertion into the short sorted list.
      let slot = filled < width ? filled++ : width - 1;
      while (slot > 0 && keys[slot - 1] > key) {
        keys[slot] = keys[slot - 1];
        lists[base + slot] = lists[base + slot - 1];
        slot--;
      }
      keys[slot] = key;
      lists[base + slot] = c;
    }
  }
  return { lists, width };
}

export class PinnedPathSearch {
  readonly sequence: Int32Array;
  readonly position: Int32Array;
  cost = 0;
  /** Moves applied since construction (2-opt, Or-opt), for statistics. */
  movesApplied = 0;

  private readonly nodeCount: number;
  private readonly last: number;
  private readonly costs: Float64Array;
  private readonly asymmetric: boolean;
  /** forwardPrefix[t]: cost of driving positions 0 → t; backwardPrefix[t]: the same stretch driven t → 0. */
  private readonly forwardPrefix: Float64Array;
  private readonly backwardPrefix: Float64Array;
  private readonly neighbours: Int32Array;
  private readonly neighbourWidth: number;
  private readonly successorStart: Int32Array;
  private readonly successors: Int32Array;
  private readonly predecessorStart: Int32Array;
  private readonly predecessors: Int32Array;
  private readonly hasPrecedence: boolean;
  /** Improvements smaller than this are rounding noise; taking them could loop forever. */
  private readonly epsilon: number;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private queueHead = 0;
  private queueLength = 0;
  private readonly scratch: Int32Array;

  constructor(problem: PinnedPathProblem, neighbourLists: { lists: Int32Array; width: number }, initial: NodeSequence) {
    this.nodeCount = problem.nodeCount;
    this.last = problem.nodeCount - 1;
    this.costs = problem.costs;
    this.asymmetric = !problem.symmetric;
    this.neighbours = neighbourLists.lists;
    this.neighbourWidth = neighbourLists.width;
    this.successorStart = problem.successorStart;
    this.successors = problem.successors;
    this.predecessorStart = problem.predecessorStart;
    this.predecessors = problem.predecessors;
    this.hasPrecedence = problem.precedencePairCount > 0;
    let largest = 0;
    for (let i = 0; i < problem.costs.length; i++) largest = Math.max(largest, Math.abs(problem.costs[i]));
    this.epsilon = Math.max(largest, 1) * 1e-9;
    this.sequence = new Int32Array(this.nodeCount);
    this.position = new Int32Array(this.nodeCount);
    this.forwardPrefix = new Float64Array(this.asymmetric ? this.nodeCount : 0);
    this.backwardPrefix = new Float64Array(this.asymmetric ? this.nodeCount : 0);
    this.queue = new Int32Array(this.nodeCount);
    this.queued = new Uint8Array(this.nodeCount);
    this.scratch = new Int32Array(this.nodeCount);
    this.load(initial);
  }

  /** Replaces the current sequence (e.g. to undo a rejected kick). */
  load(sequence: ArrayLike<number>, knownCost?: number): void {
    this.sequence.set(sequence);
    for (let p = 0; p <= this.last; p++) this.position[this.sequence[p]] = p;
    this.refreshPrefixFrom(1);
    if (knownCost !== undefined) {
      this.cost = knownCost;
    } else {
      let total = 0;
      for (let p = 0; p < this.last; p++) total += this.arc(this.sequence[p], this.sequence[p + 1]);
      this.cost = total;
    }
  }

  enqueue(node: number): void {
    if (this.queued[node]) return;
    this.queued[node] = 1;
    this.queue[(this.queueHead + this.queueLength) % this.nodeCount] = node;
    this.queueLength++;
  }

  enqueueAll(): void {
    for (let p = 0; p <= this.last; p++) this.enqueue(this.sequence[p]);
  }

  /** Applies improving moves until no queued node has one. */
  run(): void {
    while (this.queueLength > 0) {
      const node = this.queue[this.queueHead];
      this.queueHead = (this.queueHead + 1) % this.nodeCount;
      this.queueLength--;
      this.queued[node] = 0;
      if (this.improveByReversal(node) || this.improveByRelocation(node)) {
        this.movesApplied++;
        this.enqueue(node);
      }
    }
  }

  private arc(from: number, to: number): number {
    return this.costs[from * this.nodeCount + to];
  }

  private refreshPrefixFrom(position: number): void {
    if (!this.asymmetric) return;
    const { sequence, forwardPrefix, backwardPrefix } = this;
    for (let t = Math.max(position, 1); t <= this.last; t++) {
      forwardPrefix[t] = forwardPrefix[t - 1] + this.arc(sequence[t - 1], sequence[t]);
      backwardPrefix[t] = backwardPrefix[t - 1] + this.arc(sequence[t], sequence[t - 1]);
    }
  }

  /** Extra cost of driving positions p..q in reverse instead of forwards (0 if symmetric). */
  private reversalPenalty(p: number, q: number): number {
    if (!this.asymmetric) return 0;
    return this.backwardPrefix[q] - this.backwardPrefix[p] - (this.forwardPrefix[q] - this.forwardPrefix[p]);
  }

  // ---- 2-opt ---------------------------------------------------------------------

  /**
   * Tries the reversals that create an edge between `node` and one of its neighbours c.
   * With u before v (u, v = node, c in path order) there are two: reverse (u, v] so
   * that u→v becomes an edge, or reverse [u, v) so that u→v closes the stretch.
   */
  private improveByReversal(node: number): boolean {
    const { sequence, position, last } = this;
    const here = position[node];
    const outgoing = here < last ? this.arc(node, sequence[here + 1]) : -Infinity;
    const incoming = here > 0 ? this.arc(sequence[here - 1], node) : -Infinity;
    const longestAdjacent = Math.max(outgoing, incoming);
    const base = node * this.neighbourWidth;
    for (let k = 0; k < this.neighbourWidth; k++) {
      const other = this.neighbours[base + k];
      // A new edge no shorter than both edges it could replace cannot start a gain;
      // lists are sorted, so no later neighbour can either.
      if (Math.min(this.arc(node, other), this.arc(other, node)) >= longestAdjacent) break;
      const there = position[other];
      const nodeFirst = here < there;
      const pu = nodeFirst ? here : there;
      const pv = nodeFirst ? there : here;
      if (pv - pu < 2) continue;
      const u = sequence[pu];
      const v = sequence[pv];
      const newEdge = this.arc(u, v);
      if (pv <= last - 1) {
        // Reverse pu+1..pv: removes u→seq[pu+1] and v→seq[pv+1].
        const replaced = nodeFirst ? this.arc(u, sequence[pu + 1]) : this.arc(v, sequence[pv + 1]);
        if (newEdge < replaced && this.tryReversal(pu + 1, pv)) return true;
      }
      if (pu >= 1) {
        // Reverse pu..pv-1: removes seq[pu-1]→u and seq[pv-1]→v.
        const replaced = nodeFirst ? this.arc(sequence[pu - 1], u) : this.arc(sequence[pv - 1], v);
        if (newEdge < replaced && this.tryReversal(pu, pv - 1)) return true;
      }
    }
    return false;
  }

  private tryReversal(p: number, q: number): boolean {
    const { sequence } = this;
    const a = sequence[p - 1];
    const b = sequence[p];
    const c = sequence[q];
    const e = sequence[q + 1];
    const delta = this.arc(a, c) + this.arc(b, e) - this.arc(a, b) - this.arc(c, e) + this.reversalPenalty(p, q);
    if (delta >= -this.epsilon || !this.reversalKeepsPrecedence(p, q)) return false;
    this.reverse(p, q);
    this.cost += delta;
    this.enqueue(a);
    this.enqueue(b);
    this.enqueue(c);
    this.enqueue(e);
    return true;
  }

  /** Reversing p..q breaks a pair exactly when both of its stops lie inside p..q. */
  private reversalKeepsPrecedence(p: number, q: number): boolean {
    if (!this.hasPrecedence) return true;
    const { sequence, position, successorStart, successors } = this;
    for (let t = p; t <= q; t++) {
      const x = sequence[t];
      for (let e = successorStart[x]; e < successorStart[x + 1]; e++) if (position[successors[e]] <= q) return false;
    }
    return true;
  }

  private reverse(p: number, q: number): void {
    const { sequence, position } = this;
    for (let i = p, j = q; i < j; i++, j--) {
      const x = sequence[i];
      sequence[i] = sequence[j];
      sequence[j] = x;
      position[sequence[i]] = i;
      position[sequence[j]] = j;
    }
    this.refreshPrefixFrom(p);
  }

  // ---- Or-opt --------------------------------------------------------------------

  /** Tries moving each stretch of 1–3 stops that starts or ends at `node`. */
  private improveByRelocation(node: number): boolean {
    const here = this.position[node];
    if (here === 0 || here === this.last) return false;
    for (let length = 1; length <= 3; length++) {
      const forwardEnd = here + length - 1;
      if (forwardEnd <= this.last - 1 && this.tryRelocations(here, forwardEnd)) return true;
      const backwardStart = here - length + 1;
      if (length > 1 && backwardStart >= 1 && this.tryRelocations(backwardStart, here)) return true;
    }
    return false;
  }

  /** Moves stretch s..t between a neighbour of its first or last stop and that neighbour's path neighbour. */
  private tryRelocations(s: number, t: number): boolean {
    const { sequence, position, last } = this;
    const first = sequence[s];
    const lastStop = sequence[t];
    const before = sequence[s - 1];
    const after = sequence[t + 1];
    const removalGain = this.arc(before, first) + this.arc(lastStop, after) - this.arc(before, after);
    if (removalGain <= this.epsilon) return false;
    const single = s === t;
    const reversalPenalty = single ? 0 : this.segmentReversalPenalty(s, t);
    for (let end = 0; end < 2; end++) {
      const anchor = end === 0 ? first : lastStop;
      const base = anchor * this.neighbourWidth;
      for (let k = 0; k < this.neighbourWidth; k++) {
        const other = this.neighbours[base + k];
        if (Math.min(this.arc(anchor, other), this.arc(other, anchor)) >= removalGain) break;
        const there = position[other];
        if (there >= s && there <= t) continue;
        // Four placements make `other` adjacent to `anchor`: after or before it, with
        // the stretch as is or reversed; `gap` is the position after which it goes.
        for (let placement = 0; placement < 4; placement++) {
          const insertAfterOther = (placement & 1) === 0;
          const reversed = placement >= 2;
          if (reversed && single) continue;
          // The end of the stretch that touches `other` must be `anchor`.
          const touching = insertAfterOther !== reversed ? first : lastStop;
          if (touching !== anchor) continue;
          const gap = insertAfterOther ? there : there - 1;
          if (gap < 0 || gap >= last || (gap >= s - 1 && gap <= t)) continue;
          const u = sequence[gap];
          const v = sequence[gap + 1];
          const head = reversed ? lastStop : first;
          const tail = reversed ? first : lastStop;
          const delta = this.arc(u, head) + this.arc(tail, v) - this.arc(u, v) + (reversed ? reversalPenalty : 0) - removalGain;
          if (delta >= -this.epsilon || !this.relocationKeepsPrecedence(s, t, gap, reversed)) continue;
          this.relocate(s, t, gap, reversed);
          this.cost += delta;
          this.enqueue(before);
          this.enqueue(after);
          this.enqueue(first);
          this.enqueue(lastStop);
          this.enqueue(u);
          this.enqueue(v);
          return true;
        }
      }
    }
    return false;
  }

  private segmentReversalPenalty(s: number, t: number): number {
    if (!this.asymmetric) return 0;
    let penalty = 0;
    for (let i = s; i < t; i++) penalty += this.arc(this.sequence[i + 1], this.sequence[i]) - this.arc(this.sequence[i], this.sequence[i + 1]);
    return penalty;
  }

  /**
   * Moving s..t forwards past positions t+1..gap puts those stops before the stretch: a
   * pair breaks if one of them must come after a stop of the stretch. Backwards, the
   * stops gap+1..s-1 end up after it. Reversing it breaks pairs inside it.
   */
  private relocationKeepsPrecedence(s: number, t: number, gap: number, reversed: boolean): boolean {
    if (!this.hasPrecedence) return true;
    const { sequence, position, successorStart, successors, predecessorStart, predecessors } = this;
    const forwards = gap > t;
    for (let i = s; i <= t; i++) {
      const x = sequence[i];
      for (let e = successorStart[x]; e < successorStart[x + 1]; e++) {
        const at = position[successors[e]];
        if (reversed && at <= t) return false;
        if (forwards && at > t && at <= gap) return false;
      }
      if (!forwards) {
        for (let e = predecessorStart[x]; e < predecessorStart[x + 1]; e++) {
          const at = position[predecessors[e]];
          if (at > gap && at < s) return false;
        }
      }
    }
    return true;
  }

  /** Moves s..t to just after position `gap` (gap > t or gap < s - 1). */
  private relocate(s: number, t: number, gap: number, reversed: boolean): void {
    const { sequence, position, scratch } = this;
    const length = t - s + 1;
    for (let i = 0; i < length; i++) scratch[i] = sequence[reversed ? t - i : s + i];
    let from: number;
    let to: number;
    if (gap > t) {
      for (let i = t + 1; i <= gap; i++) sequence[i - length] = sequence[i];
      for (let i = 0; i < length; i++) sequence[gap - length + 1 + i] = scratch[i];
      from = s;
      to = gap;
    } else {
      for (let i = s - 1; i > gap; i--) sequence[i + length] = sequence[i];
      for (let i = 0; i < length; i++) sequence[gap + 1 + i] = scratch[i];
      from = gap + 1;
      to = t;
    }
    for (let i = from; i <= to; i++) position[sequence[i]] = i;
    this.refreshPrefixFrom(from);
  }

  // ---- perturbation ---------------------------------------------------------------

  /**
   * Double-bridge kick: swaps two adjacent random stretches of at most `maxStretch`
   * stops (A B C D → A C B D). It changes three edges in a way 2-opt and Or-opt cannot
   * undo in one move, and needs no reversal, so it costs the same on asymmetric
   * matrices. Draws again when a swap would break a pair; after a few failures (dense
   * precedence) it moves one random stop to a random place inside its precedence window
   * instead. Queues the touched nodes so that local search repairs around them.
   */
  kick(random: Random, maxStretch: number): void {
    const movable = this.last - 1;
    if (movable < 2) return;
    const stretchLimit = Math.max(1, Math.min(maxStretch, movable >> 1));
    for (let attempt = 0; attempt < 8; attempt++) {
      const firstLength = randomInt(random, 1, stretchLimit);
      const secondLength = randomInt(random, 1, stretchLimit);
      const p1 = randomInt(random, 1, this.last - firstLength - secondLength);
      const p2 = p1 + firstLength;
      const p3 = p2 + secondLength;
      if (this.swapKeepsPrecedence(p1, p2, p3)) {
        this.swapStretches(p1, p2, p3);
        return;
      }
    }
    this.relocateRandomStop(random, stretchLimit);
  }

  /** After the swap the stretch p2..p3-1 precedes p1..p2-1. */
  private swapKeepsPrecedence(p1: number, p2: number, p3: number): boolean {
    if (!this.hasPrecedence) return true;
    const { sequence, position, successorStart, successors } = this;
    for (let i = p2; i < p3; i++) {
      const x = sequence[i];
      for (let e = successorStart[x]; e < successorStart[x + 1]; e++) {
        const at = position[successors[e]];
        if (at >= p1 && at < p2) return false;
      }
    }
    return true;
  }

  private swapStretches(p1: number, p2: number, p3: number): void {
    const { sequence, position, scratch } = this;
    const a = sequence[p1 - 1];
    const firstHead = sequence[p1];
    const firstTail = sequence[p2 - 1];
    const secondHead = sequence[p2];
    const secondTail = sequence[p3 - 1];
    const d = sequence[p3];
    this.cost +=
      this.arc(a, secondHead) + this.arc(secondTail, firstHead) + this.arc(firstTail, d) - this.arc(a, firstHead) - this.arc(firstTail, secondHead) - this.arc(secondTail, d);
    const length = p3 - p1;
    for (let i = 0; i < length; i++) scratch[i] = sequence[p1 + i];
    const secondLength = p3 - p2;
    for (let i = 0; i < secondLength; i++) sequence[p1 + i] = scratch[p2 - p1 + i];
    for (let i = 0; i < p2 - p1; i++) sequence[p1 + secondLength + i] = scratch[i];
    for (let i = p1; i < p3; i++) position[sequence[i]] = i;
    this.refreshPrefixFrom(p1);
    this.enqueue(a);
    this.enqueue(firstHead);
    this.enqueue(firstTail);
    this.enqueue(secondHead);
    this.enqueue(secondTail);
    this.enqueue(d);
  }

  private relocateRandomStop(random: Random, reach: number): void {
    const { sequence, position } = this;
    const at = randomInt(random, 1, this.last - 1);
    const x = sequence[at];
    let lowest = 0; // must stay after this position
    let highest = this.last; // and before this one
    for (let e = this.predecessorStart[x]; e < this.predecessorStart[x + 1]; e++) lowest = Math.max(lowest, position[this.predecessors[e]]);
    for (let e = this.successorStart[x]; e < this.successorStart[x + 1]; e++) highest = Math.min(highest, position[this.successors[e]]);
    // Gaps are "after position g"; legal ones keep x after `lowest` and before `highest`.
    const minGap = Math.max(lowest, at - reach);
    const maxGap = Math.min(highest - 1, at + reach);
    const gap = randomInt(random, minGap, maxGap);
    if (gap === at || gap === at - 1) return;
    const before = sequence[at - 1];
    const after = sequence[at + 1];
    const u = sequence[gap];
    const v = sequence[gap + 1];
    this.cost += this.arc(u, x) + this.arc(x, v) - this.arc(u, v) - this.arc(before, x) - this.arc(x, after) + this.arc(before, after);
    this.relocate(at, at, gap, false);
    this.enqueue(before);
    this.enqueue(after);
    this.enqueue(x);
    this.enqueue(u);
    this.enqueue(v);
  }
}
