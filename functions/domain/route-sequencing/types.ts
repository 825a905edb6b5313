// Public shapes of the route-sequencing module (R11.11: the suggested order in which a
// courier visits their stops). Stops are identified by their index in the cost matrix,
// so the caller keeps the mapping from index to booking/address.

/**
 * Travel cost between stops: distance, or travel time, which is usually asymmetric
 * (one-way streets, turns, hills). Entry [from][to] is the cost of driving from → to;
 * the diagonal is ignored.
 * - `number[][]`: a square array of rows.
 * - `FlatCostMatrix`: the same, row-major in one Float64Array, which avoids copying a
 *   matrix that already arrived as a typed array (e.g. from a routing service).
 */
export type CostMatrix = readonly (readonly number[])[] | FlatCostMatrix;

export interface FlatCostMatrix {
  /** Number of stops; `costs.length` must be `size * size`. */
  size: number;
  /** `costs[from * size + to]`. */
  costs: Float64Array;
}

/** Where the courier's sequence ends. */
export type RouteEnd =
  /** The day ends at whichever stop is visited last (the usual courier case). */
  | { kind: 'open' }
  /** Closed tour: back to the start after the last stop; the cost includes that leg. */
  | { kind: 'return-to-start' }
  /** The sequence must end at this stop (a depot, the courier's home). */
  | { kind: 'fixed'; stop: number };

/**
 * The pickup stop must be visited before the delivery stop (the parcel has to be on
 * board before it can be delivered). Stops that appear in no pair — a delivery whose
 * parcel is already on board, a pickup going back to the depot — are free.
 * A stop may appear in several pairs (one pickup feeding several deliveries).
 */
export interface PrecedencePair {
  pickup: number;
  delivery: number;
}

export interface RouteSequencingInput {
  costs: CostMatrix;
  /** The courier's current position; always first in the returned order. */
  start: number;
  /** Defaults to `{ kind: 'open' }`. */
  end?: RouteEnd;
  precedence?: readonly PrecedencePair[];
}

export interface RouteSequencingOptions {
  /**
   * Wall-clock budget for the whole call, in ms: the search stops kicking once it is
   * spent (the kick under way still finishes, typically well under a millisecond). The
   * default, 80 ms, keeps a 200-stop route under 100 ms on a 2-core machine (see
   * bench/route.ts). `Infinity` makes the run depend on `maxIterations` only, which is
   * what reproducible runs (tests) want: a time budget depends on the machine's speed.
   */
  timeBudgetMs?: number;
  /** Upper bound on perturbation rounds (kicks); defaults to 200 × the stop count, where short routes stop improving. */
  maxIterations?: number;
  /** Seed of the PRNG that drives the perturbations; same seed + same budget ⇒ same result. */
  seed?: number;
  /** How many nearest stops each stop considers in local search moves (default 10). */
  neighbourCount?: number;
  /** Routes with at most this many movable stops are solved exactly (dynamic programming); default 12, at most 16. */
  exactUpToStops?: number;
  /** Clock in ms; injectable so that the domain stays free of ambient dependencies in tests. */
  now?: () => number;
}

export type SequencingMethod =
  /** At most one stop between the pinned start and end: nothing to choose. */
  | 'trivial'
  /** Held–Karp dynamic programming: the returned order is optimal. */
  | 'exact'
  /** Construction + 2-opt/Or-opt local search + perturbations: a heuristic. */
  | 'iterated-local-search';

export type StopReason = 'complete' | 'time-budget' | 'iteration-limit';

export interface RouteSequence {
  /**
   * Stops in visiting order, `order[0] === start`. For `return-to-start` the return leg
   * is implied (the start is not repeated at the end); for `fixed` the last element is
   * that stop.
   */
  order: number[];
  /** Total cost of `order` under the input matrix, including the return leg if any. */
  cost: number;
  /** How the order was obtained, for logs and for the bench. */
  method: SequencingMethod;
  stats: SequencingStats;
}

export interface SequencingStats {
  /** Cost of the precedence-respecting nearest-neighbour sequence (the baseline). */
  nearestNeighbourCost: number;
  /** Cost after construction (best of nearest neighbour, cheapest insertion and, with pairs, pair insertion). */
  constructionCost: number;
  construction: 'nearest-neighbour' | 'cheapest-insertion' | 'pair-insertion' | 'none';
  /** Perturbation rounds run by the Iterated Local Search. */
  iterations: number;
  /** Rounds whose result was strictly better than the previous best. */
  improvements: number;
  stopReason: StopReason;
  elapsedMs: number;
}
