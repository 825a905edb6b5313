// Suggested delivery sequence for a courier (R11.11): pure domain code, no I/O.
//
// Why hand-written rather than an npm package: the maintained JavaScript TSP packages
// found on npm either solve symmetric point sets only, with Math.random and no seed
// (salesman.js: simulated annealing over 2-D points, 2-opt reversals that assume
// symmetric costs), or are native add-ons that need a C++ toolchain or a prebuilt binary
// download (node_or_tools, archived; node-tspsolver). None takes an asymmetric
// travel-time matrix with pickup-before-delivery pairs, an open end and a fixed start,
// which is the courier's problem, and none runs inside a Lambda without native code.
//
// How a sequence is obtained:
// 1. ≤ `exactUpToStops` movable stops (most courier days): Held–Karp DP, optimal.
// 2. Otherwise nearest neighbour and cheapest insertion (both precedence-aware), the
//    better one improved by 2-opt + Or-opt local search with neighbour lists and a work
//    queue, then Iterated Local Search: local double-bridge kicks, re-optimise around
//    the kick, keep the result if it is no worse, until the time or iteration budget
//    runs out. A seeded PRNG makes a run with a given iteration budget reproducible.
// Every move is checked against the precedence pairs before it is applied, so every
// intermediate and returned sequence respects them; the result is never worse than the
// nearest-neighbour sequence because search starts from it or something better and
// only accepts non-worsening changes.
import { cheapestInsertionSequence, nearestNeighbourSequence } from './construction';
import { EXACT_SOLVER_STOP_LIMIT, exactSequence } from './exact';
import { nearestNeighbourLists, PinnedPathSearch } from './local-search';
import { pinnedPathCost, toPinnedPathProblem, type PinnedPathProblem } from './problem';
import { seededRandom } from './random';
import type { RouteSequence, RouteSequencingInput, RouteSequencingOptions, SequencingMethod, SequencingStats, StopReason } from './types';

/** Keeps a 200-stop route under 100 ms end to end on the 2-core reference machine (bench/route.ts). */
export const DEFAULT_TIME_BUDGET_MS = 80;
/** 12 stops: ~0.6 M DP steps, about a millisecond. */
export const DEFAULT_EXACT_UP_TO_STOPS = 12;
export const DEFAULT_NEIGHBOUR_COUNT = 10;
export const DEFAULT_SEED = 0x5eed;
/** Iterations per node when no explicit cap is given: where small routes stop improving. */
const DEFAULT_ITERATIONS_PER_NODE = 200;
/**
 * Longest stretch a double-bridge kick swaps. On the TSPLIB set (bench/route.ts), limits of
 * 10 / 30 / 60 / 100 stops gave mean gaps of about 0.6 / 0.26 / 0.13 / 0.04 % at 80 ms:
 * short kicks are undone by local search and leave ILS stuck in the same basin. Up to
 * 200 stops this makes kicks effectively global (the stretches cover the whole route);
 * beyond, the cap keeps one kick's repair work bounded.
 */
const KICK_STRETCH = 100;

const defaultClock = () => globalThis.performance.now();

export function sequenceRoute(input: RouteSequencingInput, options: RouteSequencingOptions = {}): RouteSequence {
  const now = options.now ?? defaultClock;
  const startedAt = now();
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const exactUpToStops = Math.min(options.exactUpToStops ?? DEFAULT_EXACT_UP_TO_STOPS, EXACT_SOLVER_STOP_LIMIT);
  const problem = toPinnedPathProblem(input);
  const movableCount = problem.nodeCount - 2;
  const maxIterations = options.maxIterations ?? DEFAULT_ITERATIONS_PER_NODE * problem.nodeCount;

  const nearestNeighbour = nearestNeighbourSequence(problem);
  const nearestNeighbourCost = pinnedPathCost(problem, nearestNeighbour);
  const finish = (sequence: Int32Array, method: SequencingMethod, stats: Omit<SequencingStats, 'nearestNeighbourCost' | 'elapsedMs'>): RouteSequence => ({
    order: stopOrder(problem, sequence),
    cost: pinnedPathCost(problem, sequence),
    method,
    stats: { nearestNeighbourCost, ...stats, elapsedMs: now() - startedAt },
  });
  const noSearch = { constructionCost: nearestNeighbourCost, iterations: 0, improvements: 0, stopReason: 'complete' as StopReason };

  if (movableCount <= 1) return finish(nearestNeighbour, 'trivial', { ...noSearch, construction: 'none' });
  if (movableCount <= exactUpToStops) return finish(exactSequence(problem), 'exact', { ...noSearch, construction: 'none' });

  const insertion = cheapestInsertionSequence(problem);
  const insertionCost = pinnedPathCost(problem, insertion);
  const insertionIsBetter = insertionCost < nearestNeighbourCost;
  const construction = insertionIsBetter ? 'cheapest-insertion' : 'nearest-neighbour';
  const constructionCost = insertionIsBetter ? insertionCost : nearestNeighbourCost;

  const search = new PinnedPathSearch(problem, nearestNeighbourLists(problem, options.neighbourCount ?? DEFAULT_NEIGHBOUR_COUNT), insertionIsBetter ? insertion : nearestNeighbour);
  search.enqueueAll();
  search.run();

  // Iterated Local Search. "Accept if not worse" lets the search drift across plateaus
  // of equal cost while never giving up the best sequence found.
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const best = Int32Array.from(search.sequence);
  let bestCost = search.cost;
  const deadline = startedAt + timeBudgetMs;
  const tolerance = Math.abs(bestCost) * 1e-12;
  let iterations = 0;
  let improvements = 0;
  let stopReason: StopReason = 'iteration-limit';
  while (iterations < maxIterations) {
    if (now() >= deadline) {
      stopReason = 'time-budget';
      break;
    }
    iterations++;
    search.kick(random, KICK_STRETCH);
    search.run();
    if (search.cost <= bestCost + tolerance) {
      if (search.cost < bestCost - tolerance) improvements++;
      bestCost = search.cost;
      best.set(search.sequence);
    } else {
      search.load(best, bestCost);
    }
  }
  return finish(best, 'iterated-local-search', { construction, constructionCost, iterations, improvements, stopReason });
}

/** Drops the virtual end node and returns the caller's stop indices. */
function stopOrder(problem: PinnedPathProblem, sequence: Int32Array): number[] {
  const order = Array.from(sequence);
  if (problem.endIsVirtual) order.pop();
  return order;
}
