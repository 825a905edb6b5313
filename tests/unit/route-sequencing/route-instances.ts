// Test-side reference implementations and generators for route sequencing. They are
// written independently of the module (plain arrays, no shared code) so that the tests
// check the module against something other than itself.
import fc from 'fast-check';
import type { PrecedencePair, RouteEnd } from '../../../functions/domain/route-sequencing';

export interface RouteCase {
  costs: number[][];
  start: number;
  end: RouteEnd;
  precedence: PrecedencePair[];
}

/** Cost of visiting `order` (the module's output format: no repeated start for closed tours). */
export function routeCost(costs: number[][], order: readonly number[], end: RouteEnd): number {
  let total = 0;
  for (let i = 0; i + 1 < order.length; i++) total += costs[order[i]][order[i + 1]];
  if (end.kind === 'return-to-start' && order.length > 1) total += costs[order[order.length - 1]][order[0]];
  return total;
}

export function respectsPairs(order: readonly number[], precedence: readonly PrecedencePair[]): boolean {
  const at = new Map(order.map((stop, index) => [stop, index]));
  return precedence.every((pair) => (at.get(pair.pickup) as number) < (at.get(pair.delivery) as number));
}

/** What a courier would do unaided: drive to the nearest stop they are allowed to do next (ties: lower index). */
export function nearestNeighbourCost(route: RouteCase): number {
  const n = route.costs.length;
  const fixedEnd = route.end.kind === 'fixed' ? route.end.stop : -1;
  const done = new Set([route.start]);
  const order = [route.start];
  const allowed = (stop: number) => route.precedence.every((pair) => pair.delivery !== stop || done.has(pair.pickup));
  while (order.length < n - (fixedEnd >= 0 ? 1 : 0)) {
    const here = order[order.length - 1];
    let next = -1;
    for (let stop = 0; stop < n; stop++) {
      if (done.has(stop) || stop === fixedEnd || !allowed(stop)) continue;
      if (next < 0 || route.costs[here][stop] < route.costs[here][next]) next = stop;
    }
    order.push(next);
    done.add(next);
  }
  if (fixedEnd >= 0) order.push(fixedEnd);
  return routeCost(route.costs, order, route.end);
}

/** Optimum by trying every order of the movable stops (n ≤ 9). */
export function bruteForceOptimum(route: RouteCase): number {
  const n = route.costs.length;
  const fixedEnd = route.end.kind === 'fixed' ? route.end.stop : -1;
  const movable = [...Array(n).keys()].filter((stop) => stop !== route.start && stop !== fixedEnd);
  let best = Infinity;
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      const order = fixedEnd >= 0 ? [route.start, ...prefix, fixedEnd] : [route.start, ...prefix];
      if (respectsPairs(order, route.precedence)) best = Math.min(best, routeCost(route.costs, order, route.end));
      return;
    }
    rest.forEach((stop, index) => permute([...prefix, stop], [...rest.slice(0, index), ...rest.slice(index + 1)]));
  };
  permute([], movable);
  return best;
}

/**
 * Random route: symmetric or asymmetric integer costs (arbitrary, or travel-time-like),
 * any end kind, and pickup-delivery
 * pairs drawn along a random order of the stops (so they can always be satisfied). Some
 * stops end up in no pair: deliveries already on board, pickups for the depot.
 */
export function routeCaseArbitrary(
  minStops: number,
  maxStops: number,
  options: { symmetric?: boolean; geometry?: 'random' | 'travel-times' } = {},
): fc.Arbitrary<RouteCase> {
  return fc
    .record({
      n: fc.integer({ min: minStops, max: maxStops }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      symmetric: options.symmetric === undefined ? fc.boolean() : fc.constant(options.symmetric),
      endKind: fc.constantFrom('open', 'return-to-start', 'fixed'),
      pairShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ n, seed, symmetric, endKind, pairShare }) => {
      const geometry = options.geometry ?? 'random';
      let state = seed;
      const random = () => {
        // Park–Miller: enough for test data, and independent of the module's PRNG.
        state = (state * 48271) % 2147483647;
        return state / 2147483647;
      };
      const costs = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      if (geometry === 'random') {
        // Any numbers: no triangle inequality, the hardest case for neighbour lists.
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (i === j) continue;
            if (symmetric && j < i) costs[i][j] = costs[j][i];
            else costs[i][j] = 1 + Math.floor(random() * 100);
          }
        }
      } else {
        // Like travel times: straight-line distance, plus (if asymmetric) a one-way detour
        // of up to 60 % in one direction of each pair.
        const points = Array.from({ length: n }, () => [random() * 100, random() * 100]);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const straight = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
            const detour = symmetric ? straight : straight * (1 + 0.6 * random());
            const forwardIsLonger = random() < 0.5;
            costs[i][j] = Math.round(forwardIsLonger ? detour : straight);
            costs[j][i] = Math.round(forwardIsLonger ? straight : detour);
          }
        }
      }
      const start = Math.floor(random() * n);
      const others = [...Array(n).keys()].filter((stop) => stop !== start);
      let end: RouteEnd = { kind: endKind } as RouteEnd;
      if (endKind === 'fixed') {
        if (others.length === 0) end = { kind: 'open' };
        else end = { kind: 'fixed', stop: others[Math.floor(random() * others.length)] };
      }
      const fixedEnd = end.kind === 'fixed' ? end.stop : -1;
      // Pairs go forwards along a random order of the movable stops.
      const movable = others.filter((stop) => stop !== fixedEnd);
      for (let i = movable.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [movable[i], movable[j]] = [movable[j], movable[i]];
      }
      const precedence: PrecedencePair[] = [];
      for (let i = 0; i + 1 < movable.length; i += 2) if (random() < pairShare) precedence.push({ pickup: movable[i], delivery: movable[i + 1] });
      return { costs, start, end, precedence };
    });
}
