// Local search on a pinned path (start … end, both fixed; see problem.ts). Its moves all
// keep every precedence pair:
// - 2-opt: reverse positions p..q. On an asymmetric matrix the reversed stretch is
//   driven the other way round, so the move's gain includes (cost backwards − cost
//   forwards) of that stretch, read in O(1) from two prefix sums along the path.
// - Or-opt: move a stretch of 1–3 stops elsewhere, as is or reversed.
// - segment swap A B C D → A C B D (reversal-free 3-opt): what still improves strongly
//   asymmetric routes, where most reversals cost more than they save.
// - pair relocation: a pickup and its delivery taken out and put back together.
// Moves are searched from one node at a time, only towards its k nearest nodes
// (neighbour lists), and only for nodes in a work queue: a node leaves the queue when
// no move around it improves and re-enters when one of its edges changes (the queue
// plays the role of "don't-look bits"). A kick (random segment swap, the double bridge,
// or on asymmetric matrices sometimes a reversal) queues only the ~6 touched nodes, so
// re-optimising after it costs a few hundred move evaluations, not O(n²).
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

/** Share of kicks on asymmetric matrices that reverse a stretch instead of swapping two. */
const REVERSAL_KICK_SHARE = 0.25;

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
  /** Prefix sums are correct for positions 0..prefixValidThrough. */
  private prefixValidThrough = 0;
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
  private readonly pickupGaps: Int32Array;
  private readonly pickupGapCosts: Float64Array;
  private readonly deliveryGapCosts: Float64Array;
  private readonly deliveryGaps: Int32Array;

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
    this.pickupGaps = new Int32Array(2 * this.neighbourWidth);
    this.pickupGapCosts = new Float64Array(2 * this.neighbourWidth);
    this.deliveryGapCosts = new Float64Array(2 * this.neighbourWidth);
    this.deliveryGaps = new Int32Array(2 * this.neighbourWidth);
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
      if (this.improveByReversal(node) || this.improveByRelocation(node) || this.improveBySwap(node) || (this.hasPrecedence && this.improveByPairRelocation(node))) {
        this.movesApplied++;
        this.enqueue(node);
      }
    }
  }

  private arc(from: number, to: number): number {
    return this.costs[from * this.nodeCount + to];
  }

  /**
   * Marks the prefix sums stale from `position` on. They are brought up to date lazily,
   * only as far as a reversal query needs: after a move near the start of a long route
   * most queries look at nearby positions, so eager O(n) refreshes would be wasted.
   */
  private refreshPrefixFrom(position: number): void {
    if (position - 1 < this.prefixValidThrough) this.prefixValidThrough = Math.max(position - 1, 0);
  }

  /** Extra cost of driving positions p..q in reverse instead of forwards (0 if symmetric). */
  private reversalPenalty(p: number, q: number): number {
    if (!this.asymmetric) return 0;
    const { sequence, forwardPrefix, backwardPrefix } = this;
    for (let t = this.prefixValidThrough + 1; t <= q; t++) {
      forwardPrefix[t] = forwardPrefix[t - 1] + this.arc(sequence[t - 1], sequence[t]);
      backwardPrefix[t] = backwardPrefix[t - 1] + this.arc(sequence[t], sequence[t - 1]);
    }
    if (q > this.prefixValidThrough) this.prefixValidThrough = q;
    return backwardPrefix[q] - backwardPrefix[p] - (forwardPrefix[q] - forwardPrefix[p]);
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

  // ---- segment swap (reversal-free 3-opt) -------------------------------------------

  /**
   * A B C D → A C B D found from a = `node`: the new edge a→c0 (c0 a neighbour of a, later
   * on the path) fixes where B ends and C starts; the new edge cE→b0 (cE a neighbour of
   * b0 at or after c0) fixes where C ends. Nothing is reversed, so this is the move that
   * still works on strongly asymmetric matrices, where most 2-opt reversals cost more
   * than they save; it also covers Or-opt of stretches longer than three stops.
   */
  private improveBySwap(node: number): boolean {
    const { sequence, position, last, neighbours, neighbourWidth } = this;
    const i = position[node];
    if (i >= last - 2) return false;
    const b0 = sequence[i + 1];
    const removedAfterNode = this.arc(node, b0);
    for (let k = 0; k < neighbourWidth; k++) {
      const c0 = neighbours[node * neighbourWidth + k];
      if (Math.min(this.arc(node, c0), this.arc(c0, node)) >= removedAfterNode) break;
      const p2 = position[c0];
      if (p2 <= i + 1 || p2 > last - 1) continue;
      const gainAfterFirst = removedAfterNode - this.arc(node, c0);
      if (gainAfterFirst <= 0) continue;
      const bE = sequence[p2 - 1];
      const openGain = gainAfterFirst + this.arc(bE, c0);
      for (let m = 0; m < neighbourWidth; m++) {
        const cE = neighbours[b0 * neighbourWidth + m];
        if (Math.min(this.arc(cE, b0), this.arc(b0, cE)) >= openGain) break;
        const p = position[cE];
        if (p < p2 || p > last - 1) continue;
        const d0 = sequence[p + 1];
        const gain = openGain - this.arc(cE, b0) + this.arc(cE, d0) - this.arc(bE, d0);
        if (gain <= this.epsilon || !this.swapKeepsPrecedence(i + 1, p2, p + 1)) continue;
        this.swapStretches(i + 1, p2, p + 1);
        return true;
      }
    }
    return false;
  }

  // ---- pair relocation (pickup and delivery moved together) -------------------------

  /**
   * Takes `node` and one of its precedence partners out and puts both back, each next
   * to one of its neighbours, pickup first. With dense pairs the single-stop moves
   * above are boxed in (a pickup cannot pass its delivery, a reversal cannot contain a
   * pair), so moving a pair as a unit is what lets whole errands change place.
   * Positions below refer to the current path; "after u" means in the path without the
   * two moved stops.
   */
  private improveByPairRelocation(node: number): boolean {
    const { successorStart, successors, predecessorStart, predecessors } = this;
    for (let e = successorStart[node]; e < successorStart[node + 1]; e++) if (this.tryPairRelocation(node, successors[e])) return true;
    for (let e = predecessorStart[node]; e < predecessorStart[node + 1]; e++) if (this.tryPairRelocation(predecessors[e], node)) return true;
    return false;
  }

  /** The pair being moved by tryPairRelocation; positions holding it are skipped. */
  private movingPickup = -1;
  private movingDelivery = -1;

  private isMoving(at: number): boolean {
    const v = this.sequence[at];
    return v === this.movingPickup || v === this.movingDelivery;
  }

  private previousKept(at: number): number {
    let p = at - 1;
    while (p >= 0 && this.isMoving(p)) p--;
    return p;
  }

  private nextKept(at: number): number {
    let p = at + 1;
    while (p <= this.last && this.isMoving(p)) p++;
    return p;
  }

  private tryPairRelocation(pickup: number, delivery: number): boolean {
    const { sequence, position, last } = this;
    const pp = position[pickup];
    const pd = position[delivery];
    if (pp === 0 || pd === last) return false;
    this.movingPickup = pickup;
    this.movingDelivery = delivery;
    // Gain of taking both out.
    let removalGain: number;
    if (pd === pp + 1) {
      const before = sequence[pp - 1];
      const after = sequence[pd + 1];
      removalGain = this.arc(before, pickup) + this.arc(pickup, delivery) + this.arc(delivery, after) - this.arc(before, after);
    } else {
      removalGain =
        this.arc(sequence[pp - 1], pickup) + this.arc(pickup, sequence[pp + 1]) - this.arc(sequence[pp - 1], sequence[pp + 1]) +
        this.arc(sequence[pd - 1], delivery) + this.arc(delivery, sequence[pd + 1]) - this.arc(sequence[pd - 1], sequence[pd + 1]);
    }
    if (removalGain <= this.epsilon) return false;

    // Candidate gaps ("after position g" in the kept path) next to each stop's neighbours,
    // inside the window its other precedence partners leave, with their insertion costs.
    const pickupGaps = this.pairGaps(pickup, delivery, this.pickupGaps);
    const deliveryGaps = this.pairGaps(delivery, pickup, this.deliveryGaps);
    const cheapestPickup = this.gapCosts(pickup, pickupGaps, this.pickupGapCosts);
    const cheapestDelivery = this.gapCosts(delivery, deliveryGaps, this.deliveryGapCosts);
    const { pickupGapCosts, deliveryGapCosts } = this;
    const gapCount = this.neighbourWidth * 2;
    let bestDelta = -this.epsilon;
    let bestPickupGap = -1;
    let bestDeliveryGap = -1;
    // Both in one gap, u → pickup → delivery → v, next to a neighbour of either.
    for (let k = 0; k < 2 * gapCount; k++) {
      const gap = k < gapCount ? pickupGaps[k] : deliveryGaps[k - gapCount];
      if (gap < 0 || !this.pairGapAllowed(delivery, pickup, gap) || !this.pairGapAllowed(pickup, delivery, gap)) continue;
      const u = sequence[gap];
      const v = sequence[this.nextKept(gap)];
      const delta = this.arc(u, pickup) + this.arc(pickup, delivery) + this.arc(delivery, v) - this.arc(u, v) - removalGain;
      if (delta < bestDelta) {
        bestDelta = delta;
        bestPickupGap = gap;
        bestDeliveryGap = gap;
      }
    }
    // Apart: pickup gap strictly before the delivery gap.
    if (cheapestPickup + cheapestDelivery - removalGain < bestDelta) {
      for (let a = 0; a < gapCount; a++) {
        const g1 = pickupGaps[a];
        const pickupCost = pickupGapCosts[a];
        if (g1 < 0 || pickupCost + cheapestDelivery - removalGain >= bestDelta) continue;
        for (let b = 0; b < gapCount; b++) {
          const g2 = deliveryGaps[b];
          if (g2 <= g1) continue;
          const delta = pickupCost + deliveryGapCosts[b] - removalGain;
          if (delta < bestDelta) {
            bestDelta = delta;
            bestPickupGap = g1;
            bestDeliveryGap = g2;
          }
        }
      }
    }
    if (bestPickupGap < 0) return false;

    // Rebuild: enqueue old and new path neighbours, then write the new order.
    this.enqueue(sequence[this.previousKept(pp)]);
    this.enqueue(sequence[this.nextKept(pp)]);
    this.enqueue(sequence[this.previousKept(pd)]);
    this.enqueue(sequence[this.nextKept(pd)]);
    this.enqueue(sequence[bestPickupGap]);
    this.enqueue(sequence[this.nextKept(bestPickupGap)]);
    this.enqueue(sequence[bestDeliveryGap]);
    this.enqueue(sequence[this.nextKept(bestDeliveryGap)]);
    this.enqueue(pickup);
    this.enqueue(delivery);
    const from = Math.min(pp, bestPickupGap + 1);
    const to = Math.max(pd, bestDeliveryGap);
    const { scratch } = this;
    let written = 0;
    for (let p = from; p <= to; p++) {
      if (!this.isMoving(p)) scratch[written++] = sequence[p];
      if (p === bestPickupGap) scratch[written++] = pickup;
      if (p === bestDeliveryGap) scratch[written++] = delivery;
    }
    if (bestPickupGap === from - 1) {
      // Gap before the rewritten range: the pickup (and maybe the delivery) lead it.
      scratch.copyWithin(bestDeliveryGap === from - 1 ? 2 : 1, 0, written);
      scratch[0] = pickup;
      if (bestDeliveryGap === from - 1) scratch[1] = delivery;
    }
    for (let p = from; p <= to; p++) {
      sequence[p] = scratch[p - from];
      position[sequence[p]] = p;
    }
    this.cost += bestDelta;
    this.refreshPrefixFrom(from);
    return true;
  }

  /** Up to 2·k gaps (after a neighbour, or before it), −1 where unusable. */
  private pairGaps(stop: number, partner: number, gaps: Int32Array): Int32Array {
    const { position, neighbours, neighbourWidth, last } = this;
    for (let k = 0; k < neighbourWidth; k++) {
      const other = neighbours[stop * neighbourWidth + k];
      let after = -1;
      let before = -1;
      if (other !== partner) {
        const there = position[other];
        if (there < last) after = there;
        if (there > 0) before = this.previousKept(there);
      }
      gaps[2 * k] = after >= 0 && this.pairGapAllowed(stop, partner, after) ? after : -1;
      gaps[2 * k + 1] = before >= 0 && this.pairGapAllowed(stop, partner, before) ? before : -1;
    }
    return gaps;
  }

  /** Insertion cost of `stop` into each gap (Infinity where unusable); returns the cheapest. */
  private gapCosts(stop: number, gaps: Int32Array, costs: Float64Array): number {
    let cheapest = Infinity;
    for (let k = 0; k < gaps.length; k++) {
      const gap = gaps[k];
      if (gap < 0) {
        costs[k] = Infinity;
        continue;
      }
      const u = this.sequence[gap];
      const v = this.sequence[this.nextKept(gap)];
      const cost = this.arc(u, stop) + this.arc(stop, v) - this.arc(u, v);
      costs[k] = cost;
      if (cost < cheapest) cheapest = cost;
    }
    return cheapest;
  }

  /** Can `stop` go right after position `gap` given its precedence partners other than `partner`? */
  private pairGapAllowed(stop: number, partner: number, gap: number): boolean {
    const { position, successorStart, successors, predecessorStart, predecessors } = this;
    // The common case, a stop in exactly one pair (with `partner`), is always allowed.
    if (successorStart[stop + 1] - successorStart[stop] + predecessorStart[stop + 1] - predecessorStart[stop] === 1) return true;
    for (let e = predecessorStart[stop]; e < predecessorStart[stop + 1]; e++) {
      const other = predecessors[e];
      if (other !== partner && position[other] > gap) return false;
    }
    for (let e = successorStart[stop]; e < successorStart[stop + 1]; e++) {
      const other = successors[e];
      if (other !== partner && position[other] <= gap) return false;
    }
    return true;
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
    if (this.asymmetric && random() < REVERSAL_KICK_SHARE && this.reverseRandomStretch(random, Math.max(2, Math.min(maxStretch, movable)))) return;
    // Two stretches may together span the whole movable part: on short routes, limits
    // like movable/2 leave too few distinct kicks to escape a local optimum.
    let stretchLimit = Math.max(1, Math.min(maxStretch, movable - 1));
    for (let attempt = 0; attempt < 8; attempt++, stretchLimit = Math.max(1, stretchLimit >> 1)) {
      // Long stretches rarely swap without breaking a pair when pairs are dense, so
      // each failed draw halves the limit.
      const firstLength = randomInt(random, 1, stretchLimit);
      const secondLength = randomInt(random, 1, Math.min(stretchLimit, movable - firstLength));
      const p1 = randomInt(random, 1, this.last - firstLength - secondLength);
      const p2 = p1 + firstLength;
      const p3 = p2 + secondLength;
      if (this.swapKeepsPrecedence(p1, p2, p3)) {
        this.swapStretches(p1, p2, p3);
        return;
      }
    }
    this.relocateRandomStop(random, Math.max(1, Math.min(maxStretch, movable - 1)));
  }

  /**
   * Reverses a random stretch, whatever it costs. On asymmetric matrices a reversal's
   * gain can come from the stretch itself being cheaper the other way round while its
   * two end edges get worse; local search never tries such a reversal (its neighbour
   * filter looks at the end edges), and swap kicks never reverse anything, so without
   * this kick those orders would be out of reach.
   */
  private reverseRandomStretch(random: Random, maxLength: number): boolean {
    const length = randomInt(random, 2, maxLength);
    const p = randomInt(random, 1, this.last - length);
    const q = p + length - 1;
    if (!this.reversalKeepsPrecedence(p, q)) return false;
    const { sequence } = this;
    const a = sequence[p - 1];
    const b = sequence[p];
    const c = sequence[q];
    const e = sequence[q + 1];
    this.cost += this.arc(a, c) + this.arc(b, e) - this.arc(a, b) - this.arc(c, e) + this.reversalPenalty(p, q);
    this.reverse(p, q);
    this.enqueue(a);
    this.enqueue(b);
    this.enqueue(c);
    this.enqueue(e);
    return true;
  }

  /** After the swap p2..p3-1 comes before p1..p2-1: no stop of the latter may have to precede one of the former. */
  private swapKeepsPrecedence(p1: number, p2: number, p3: number): boolean {
    if (!this.hasPrecedence) return true;
    const { sequence, position, successorStart, successors } = this;
    for (let i = p1; i < p2; i++) {
      const x = sequence[i];
      for (let e = successorStart[x]; e < successorStart[x + 1]; e++) {
        const at = position[successors[e]];
        if (at >= p2 && at < p3) return false;
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
