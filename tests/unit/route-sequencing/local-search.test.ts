import fc from 'fast-check';
import { nearestNeighbourSequence, cheapestInsertionSequence } from '../../../functions/domain/route-sequencing/construction';
import { exactSequence } from '../../../functions/domain/route-sequencing/exact';
import { nearestNeighbourLists, PinnedPathSearch } from '../../../functions/domain/route-sequencing/local-search';
import { pairInsertionSequence } from '../../../functions/domain/route-sequencing/pair-insertion';
import { pinnedPathCost, respectsPrecedence, toPinnedPathProblem } from '../../../functions/domain/route-sequencing/problem';
import { seededRandom } from '../../../functions/domain/route-sequencing/random';
import { bruteForceOptimum, routeCaseArbitrary } from './route-instances';

// The search keeps its cost up to date move by move (and, on asymmetric matrices, the
// reversed-segment costs through prefix sums); a wrong delta would mislead every later
// decision while the returned cost (recomputed at the end) still looked right.
describe('pinned-path local search', () => {
  it('tracks its cost exactly and never breaks a pair, through construction, local search and kicks', () => {
    fc.assert(
      fc.property(routeCaseArbitrary(4, 60), fc.integer({ min: 0, max: 1000 }), (route, seed) => {
        const problem = toPinnedPathProblem(route);
        const random = seededRandom(seed);
        for (const initial of [nearestNeighbourSequence(problem), cheapestInsertionSequence(problem), pairInsertionSequence(problem, random)]) {
          expect(respectsPrecedence(problem, initial)).toBe(true);
          expect([...initial].sort((a, b) => a - b)).toEqual([...Array(problem.nodeCount).keys()]);
          const search = new PinnedPathSearch(problem, nearestNeighbourLists(problem, 6), initial);
          search.enqueueAll();
          search.run();
          for (let round = 0; round < 15; round++) {
            search.kick(random, 100);
            search.run();
            expect(search.cost).toBeCloseTo(pinnedPathCost(problem, search.sequence), 6);
            expect(respectsPrecedence(problem, search.sequence)).toBe(true);
            expect(search.sequence[0]).toBe(problem.startNode);
            expect(search.sequence[problem.nodeCount - 1]).toBe(problem.endNode);
            for (let p = 0; p < problem.nodeCount; p++) expect(search.position[search.sequence[p]]).toBe(p);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('only improves on its start', () => {
    fc.assert(
      fc.property(routeCaseArbitrary(4, 60), (route) => {
        const problem = toPinnedPathProblem(route);
        const initial = nearestNeighbourSequence(problem);
        const search = new PinnedPathSearch(problem, nearestNeighbourLists(problem, 8), initial);
        search.enqueueAll();
        search.run();
        expect(search.cost).toBeLessThanOrEqual(pinnedPathCost(problem, initial) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('the exact solver matches brute force, pairs included', () => {
    fc.assert(
      fc.property(routeCaseArbitrary(2, 8), (route) => {
        const problem = toPinnedPathProblem(route);
        const sequence = exactSequence(problem);
        expect(respectsPrecedence(problem, sequence)).toBe(true);
        expect(pinnedPathCost(problem, sequence)).toBeCloseTo(bruteForceOptimum(route), 9);
      }),
      { numRuns: 150 },
    );
  });
});
