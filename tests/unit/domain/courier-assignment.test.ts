import fc from 'fast-check';
import { chooseCourier, type CourierCandidate } from '../../../functions/domain/courier-assignment';
import { straightLineKm } from '../../../functions/domain/distance';

const candidate = fc.record({
  courierId: fc.stringMatching(/^C[0-9]{1,3}$/),
  onDuty: fc.boolean(),
  position: fc.record({ lat: fc.double({ min: 47.4, max: 47.8, noNaN: true }), lon: fc.double({ min: -122.5, max: -122.0, noNaN: true }) }),
  jobsOnDate: fc.integer({ min: 0, max: 15 }),
}) as fc.Arbitrary<CourierCandidate>;

describe('courier assignment', () => {
  it('picks an on-duty courier with room, and none closer that also qualifies', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 20 }), (candidates) => {
        const pickup = { lat: 47.62, lon: -122.35 };
        const chosen = chooseCourier(candidates, pickup, straightLineKm, 12);
        const eligible = candidates.filter((c) => c.onDuty && c.jobsOnDate < 12);
        if (eligible.length === 0) return expect(chosen).toBeNull();
        expect(chosen).not.toBeNull();
        expect(chosen!.onDuty && chosen!.jobsOnDate < 12).toBe(true);
        const best = straightLineKm(chosen!.position, pickup);
        for (const c of eligible) expect(straightLineKm(c.position, pickup)).toBeGreaterThanOrEqual(best);
      }),
    );
  });

  it('breaks ties by the lighter day, then the lower id, whatever the input order', () => {
    const here = { lat: 47.6, lon: -122.3 };
    const tied: CourierCandidate[] = [
      { courierId: 'C2', onDuty: true, position: here, jobsOnDate: 3 },
      { courierId: 'C3', onDuty: true, position: here, jobsOnDate: 1 },
      { courierId: 'C1', onDuty: true, position: here, jobsOnDate: 1 },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(tied, { minLength: 3, maxLength: 3 }), (order) => {
        expect(chooseCourier(order, here, straightLineKm, 12)?.courierId).toBe('C1');
      }),
    );
  });
});
