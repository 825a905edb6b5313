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
// 2. Otherwise the best of nearest neighbour, cheapest insertion and (with pairs) pair
//    insertion, all precedence-aware, improved by local search (2-opt with correct
//    reversed-segment costs, Or-opt, reversal-free segment swap, pickup+delivery
//    relocation; neighbour lists and a work queue of "dirty" nodes; local-search.ts),
//    then Iterated Local Search: double-bridge kick, local search around the kick,
//    accept or undo, until the time or iteration budget runs out. A seeded PRNG makes a
//    run with a given iteration budget reproducible.
// Every move is checked against the precedence pairs before it is applied, so every
// intermediate and returned sequence respects them. The result is never worse than the
// nearest-neighbour sequence: search starts from it or something cheaper, and the
// best sequence seen is what is returned.
import { cheapestInsertionSequence, nearestNeighbourSequence } from './construction';
import { EXACT_SOLVER_STOP_LIMIT, exactSequence } from './exact';
import { nearestNeighbourLists, PinnedPathSearch } from './local-search';
import { pairInsertionSequence } from './pair-insertion';
import { pinnedPathCost, toPinnedPathProblem, type PinnedPathProblem } from './problem';
import { seededRandom } from './random';
import type { RouteSequence, RouteSequencingInput, RouteSequencingOptions, SequencingMethod, SequencingStats, StopReason } from './types';

/** Keeps a 200-stop route under 100 ms end to end on the 2-core reference machine (bench/route.ts). */
export const DEFAULT_TIME_BUDGET_MS = 80;
/** 12 movable stops: ~0.6 M DP steps, ~2 ms here (16, the limit: ~120 ms). */
export const DEFAULT_EXACT_UP_TO_STOPS = 12;
export const DEFAULT_NEIGHBOUR_COUNT = 10;
export const DEFAULT_SEED = 0x5eed;
/**
 * Default kick cap per node: short routes stop early instead of using the whole time
 * budget (22 stops: 4 600 kicks, ~20 ms, TSPLIB ulysses22 solved to optimality long before).
 */
const DEFAULT_ITERATIONS_PER_NODE = 200;
/**
 * Longest stretch a double-bridge kick swaps. On the TSPLIB set (bench/route.ts), limits of
 * 10 / 30 / 60 / 100 stops gave mean gaps of about 0.6 / 0.26 / 0.13 / 0.04 % at 80 ms:
 * short kicks are undone by local search and leave ILS stuck in the same basin. Up to
 * 200 stops this makes kicks effectively global (the stretches cover the whole route);
 * beyond, the cap keeps one kick's repair work bounded.
 */
const KICK_STRETCH = 100;
/**
 * ILS acceptance: a kicked and re-optimised sequence up to 2 % worse than the best is
 * still taken as the next starting point (early in the run). Pure "accept if not worse"
 * stalls in one basin. Measured at 80 ms, 3–4 seeds: the asymmetric 200-stop bench route
 * went from ~1.1 % above its reference to ~0.0–0.1 %, the TSPLIB mean gap from 0.027 % to
 * 0.008 %; pickup-delivery routes (1 s runs) came out ~1 % cheaper.
 */
const ACCEPTANCE_SLACK = 0.02;
/**
 * After 50 + this × n kicks without a new best, restart from a random pair-insertion
 * sequence (the best is kept). Some local optima are basins that every kick falls back
 * into; on random 5–8-stop matrices this cut the heuristic's misses of the optimum
 * (300 kicks) from ~1 in 1000 to ~3 in 10 000, and it leaves long routes alone, which
 * rarely stall that long within the default budget.
 */
const STALL_ITERATIONS_PER_NODE = 5;

const defaultClock = () => globalThis.performance.now();

export function sequenceRoute(input: RouteSequencingInput, options: RouteSequencingOptions = {}): RouteSequence {
  const now = options.now ?? defaultClock;
  const startedAt = now();
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const exactUpToStops = Math.min(options.exactUpToStops ?? DEFAULT_EXACT_UP_TO_STOPS, EXACT_SOLVER_STOP_LIMIT);
  const problem = toPinnedPathProblem(input);
  const movableCount = problem.nodeCount - 2;
  const maxIterations = options.maxIterations ?? DEFAULT_ITERATIONS_PER_NODE * problem.nodeCount;
  if (!(timeBudgetMs >= 0) || !(maxIterations >= 0) || (timeBudgetMs === Infinity && maxIterations === Infinity)) {
    throw new RangeError('sequenceRoute needs a finite time budget or a finite iteration cap (both ≥ 0).');
  }

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

  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const candidates: [SequencingStats['construction'], Int32Array][] = [
    ['nearest-neighbour', nearestNeighbour],
    ['cheapest-insertion', cheapestInsertionSequence(problem)],
  ];
  // Cheapest insertion places pickups before their deliveries exist, which suits pairs
  // badly; inserting each pair jointly does better there.
  if (problem.precedencePairCount > 0) candidates.push(['pair-insertion', pairInsertionSequence(problem, random)]);
  let [construction, initial] = candidates[0];
  let constructionCost = nearestNeighbourCost;
  for (const [name, sequence] of candidates.slice(1)) {
    const cost = pinnedPathCost(problem, sequence);
    if (cost < constructionCost) [construction, initial, constructionCost] = [name, sequence, cost];
  }

  const search = new PinnedPathSearch(problem, nearestNeighbourLists(problem, options.neighbourCount ?? DEFAULT_NEIGHBOUR_COUNT), initial);
  search.enqueueAll();
  search.run();

  // Iterated Local Search with a shrinking acceptance threshold.
  const best = Int32Array.from(search.sequence);
  const current = Int32Array.from(search.sequence);
  let bestCost = search.cost;
  let currentCost = search.cost;
  const deadline = startedAt + timeBudgetMs;
  const tolerance = Math.abs(bestCost) * 1e-12;
  let iterations = 0;
  let improvements = 0;
  let stalled = 0;
  const stallLimit = STALL_ITERATIONS_PER_NODE * problem.nodeCount + 50;
  let stopReason: StopReason = 'iteration-limit';
  while (iterations < maxIterations) {
    const time = now();
    if (time >= deadline) {
      stopReason = 'time-budget';
      break;
    }
    iterations++;
    search.kick(random, KICK_STRETCH);
    search.run();
    if (search.cost < bestCost - tolerance) {
      improvements++;
      bestCost = search.cost;
      best.set(search.sequence);
      stalled = 0;
    } else {
      stalled++;
    }
    // Accept anything no worse than the current sequence, or within a slack of the best
    // that shrinks to 0 at 80 % of the budget (so the last stretch only polishes).
    const progress = Math.max(iterations / maxIterations, (time - startedAt) / timeBudgetMs);
    const slack = Math.abs(bestCost) * ACCEPTANCE_SLACK * Math.max(0, 1 - progress / 0.8);
    if (stalled >= stallLimit) {
      // Restart (see STALL_ITERATIONS_PER_NODE).
      stalled = 0;
      search.load(pairInsertionSequence(problem, random));
      search.enqueueAll();
      search.run();
      currentCost = search.cost;
      current.set(search.sequence);
      if (currentCost < bestCost - tolerance) {
        bestCost = currentCost;
        best.set(current);
      }
      continue;
    }
    if (search.cost <= currentCost + tolerance || search.cost <= bestCost + slack) {
      currentCost = search.cost;
      current.set(search.sequence);
    } else {
      // Rejected. If the current sequence has fallen outside the shrinking slack, go
      // back to the best one instead.
      if (currentCost > bestCost + slack) {
        currentCost = bestCost;
        current.set(best);
      }
      search.load(current, currentCost);
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
