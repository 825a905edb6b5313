import fc from 'fast-check';
import { LocalGeo, ROAD_CIRCUITY_FACTOR, URBAN_AVERAGE_SPEED_KMH } from '../../../functions/adapters/local-geo';
import { gazetteerLoadStats } from '../../../functions/adapters/local-geo/gazetteer';
import { greatCircleKm, InvalidPosition, type LatLon } from '../../../functions/ports/geo-port';

// The demo metro: Seattle, Bellevue, Redmond and the water between them.
const seattleArea: fc.Arbitrary<LatLon> = fc.record({
  lat: fc.double({ min: 47.3, max: 47.9, noNaN: true }),
  lon: fc.double({ min: -122.5, max: -121.9, noNaN: true }),
});

// Anywhere people live; the poles are left out because no road reaches them.
const anywhere: fc.Arbitrary<LatLon> = fc.record({
  lat: fc.double({ min: -80, max: 80, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

const geo = new LocalGeo();

describe('LocalGeo.travelMatrix', () => {
  it('has one row per origin and one column per destination, and is marked approximate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anywhere, { maxLength: 6 }), fc.array(anywhere, { maxLength: 6 }), async (origins, destinations) => {
        const matrix = await geo.travelMatrix(origins, destinations);
        expect(matrix.approximate).toBe(true);
        for (const grid of [matrix.distanceKm, matrix.durationMinutes]) {
          expect(grid).toHaveLength(origins.length);
          for (const row of grid) expect(row).toHaveLength(destinations.length);
        }
      }),
    );
  });

  it('is zero on the diagonal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anywhere, { minLength: 1, maxLength: 8 }), async (points) => {
        const matrix = await geo.travelMatrix(points, points);
        points.forEach((_, i) => {
          expect(matrix.distanceKm[i][i]).toBe(0);
          expect(matrix.durationMinutes[i][i]).toBe(0);
        });
      }),
    );
  });

  it('is symmetric: there and back is the same estimate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anywhere, { minLength: 2, maxLength: 8 }), async (points) => {
        const matrix = await geo.travelMatrix(points, points);
        points.forEach((_, i) =>
          points.forEach((__, j) => {
            expect(matrix.distanceKm[i][j]).toBe(matrix.distanceKm[j][i]);
            expect(matrix.durationMinutes[i][j]).toBe(matrix.durationMinutes[j][i]);
          }),
        );
      }),
    );
  });

  // Each pair is measured with a ruler fitted to its own mean latitude, so three pairs can
  // disagree by cheap-ruler's error: under 0.01% below 100 km at mid latitudes (its README's
  // precision table against Vincenty). Nearly collinear triples can exceed the sum by that
  // much in each of the three legs, so allow twice 0.01%, never more.
  const RULER_RELATIVE_ERROR = 1e-4;

  it('obeys the triangle inequality across the metro, within cheap-ruler’s precision', async () => {
    await fc.assert(
      fc.asyncProperty(seattleArea, seattleArea, seattleArea, async (a, b, c) => {
        const { distanceKm } = await geo.travelMatrix([a, b], [b, c]);
        const [[ab], [, bc]] = distanceKm;
        const ac = (await geo.travelMatrix([a], [c])).distanceKm[0][0];
        expect(ac).toBeLessThanOrEqual((ab + bc) * (1 + 2 * RULER_RELATIVE_ERROR));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the straight-line distance stretched by the road factor, within cheap-ruler’s error', async () => {
    const check = (area: fc.Arbitrary<LatLon>, tolerance: number) =>
      fc.asyncProperty(area, area, async (a, b) => {
        fc.pre(greatCircleKm(a, b) > 0.01);
        const road = (await geo.travelMatrix([a], [b])).distanceKm[0][0];
        const ratio = road / greatCircleKm(a, b);
        expect(ratio).toBeGreaterThanOrEqual(ROAD_CIRCUITY_FACTOR * (1 - tolerance));
        expect(ratio).toBeLessThanOrEqual(ROAD_CIRCUITY_FACTOR * (1 + tolerance));
      });
    await fc.assert(check(seattleArea, 0.005));
    await fc.assert(check(anywhere, 0.01));
  });

  it('takes time in proportion to distance at the urban average speed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anywhere, { minLength: 1, maxLength: 5 }), fc.array(anywhere, { minLength: 1, maxLength: 5 }), async (origins, destinations) => {
        const matrix = await geo.travelMatrix(origins, destinations);
        matrix.distanceKm.forEach((row, i) =>
          row.forEach((km, j) => {
            const expectedMinutes = (km / URBAN_AVERAGE_SPEED_KMH) * 60;
            expect(Math.abs(matrix.durationMinutes[i][j] - expectedMinutes)).toBeLessThanOrEqual(1e-9 * Math.max(1, expectedMinutes));
          }),
        );
      }),
    );
  });

  it('scales linearly with a configured road factor and speed', async () => {
    await fc.assert(
      fc.asyncProperty(
        seattleArea,
        seattleArea,
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 5, max: 120, noNaN: true }),
        async (a, b, roadFactor, averageSpeedKmh) => {
          const base = await geo.travelMatrix([a], [b]);
          const tuned = await new LocalGeo({ roadFactor, averageSpeedKmh }).travelMatrix([a], [b]);
          const straight = base.distanceKm[0][0] / ROAD_CIRCUITY_FACTOR;
          expect(tuned.distanceKm[0][0]).toBeCloseTo(straight * roadFactor, 9);
          expect(tuned.durationMinutes[0][0]).toBeCloseTo(((straight * roadFactor) / averageSpeedKmh) * 60, 9);
        },
      ),
    );
  });

  it('crosses the antimeridian the short way', async () => {
    const fiji = { lat: -17.8, lon: 179.9 };
    const acrossTheLine = { lat: -17.8, lon: -179.9 };
    const road = (await geo.travelMatrix([fiji], [acrossTheLine])).distanceKm[0][0];
    expect(road).toBeCloseTo(greatCircleKm(fiji, acrossTheLine) * ROAD_CIRCUITY_FACTOR, 1);
    expect(road).toBeLessThan(50);
  });

  it('rejects positions off the globe, naming which one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(seattleArea, { maxLength: 3 }),
        fc.record({ lat: fc.oneof(fc.double({ min: 90.0001, max: 1e6 }), fc.constant(Number.NaN)), lon: fc.constant(-122) }),
        async (valid, invalid) => {
          const origins = [...valid, invalid];
          await expect(geo.travelMatrix(origins, valid)).rejects.toThrow(InvalidPosition);
          await expect(geo.travelMatrix(origins, valid)).rejects.toThrow(`origin #${origins.length}`);
          await expect(geo.travelMatrix(valid, [invalid])).rejects.toThrow('destination #1');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a road factor below 1 or a speed that is not positive', () => {
    expect(() => new LocalGeo({ roadFactor: 0.9 })).toThrow(RangeError);
    expect(() => new LocalGeo({ roadFactor: Number.NaN })).toThrow(RangeError);
    expect(() => new LocalGeo({ averageSpeedKmh: 0 })).toThrow(RangeError);
    expect(() => new LocalGeo({ averageSpeedKmh: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('never loads the gazetteer: distances need no place names', () => {
    expect(gazetteerLoadStats()).toBeUndefined();
  });
});
