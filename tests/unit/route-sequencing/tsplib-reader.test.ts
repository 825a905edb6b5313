import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTsplibFile } from '../../../bench/tsplib';

// The bench's gaps are only meaningful if its distances follow TSPLIB's definitions,
// whose rounding is part of each instance.
describe('TSPLIB reader (bench)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplib-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const at = (instance: { size: number; distances: Float64Array }, i: number, j: number) => instance.distances[i * instance.size + j];

  it('reads the shared matrix layout: name, n, rows, optimum', () => {
    const instance = readTsplibFile(file('tiny.tsp', 'tiny.tsp\n3\n0 1 2\n1 0 3\n2 3 0\n6\n'));
    expect(instance).toMatchObject({ name: 'tiny', size: 3, optimum: 6, edgeWeightType: 'EXPLICIT' });
    expect(Array.from(instance.distances)).toEqual([0, 1, 2, 1, 0, 3, 2, 3, 0]);
    expect(() => readTsplibFile(file('short.tsp', 'short\n3\n0 1 2\n1 0 3\n6\n'))).toThrow(/expected 3²/);
  });

  it('EUC_2D rounds to the nearest integer, CEIL_2D up', () => {
    const coordinates = 'NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1 1\nEOF\n';
    const euclidean = readTsplibFile(file('euc.tsp', `NAME: euc\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n${coordinates}`));
    expect([at(euclidean, 0, 1), at(euclidean, 0, 2), at(euclidean, 1, 2)]).toEqual([5, 1, 4]); // √2 → 1, √13 → 4
    const ceiling = readTsplibFile(file('ceil.tsp', `NAME: ceil\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: CEIL_2D\n${coordinates}`));
    expect([at(ceiling, 0, 1), at(ceiling, 0, 2), at(ceiling, 1, 2)]).toEqual([5, 2, 4]);
  });

  it('ATT is pseudo-Euclidean, rounded up (att48 cities 1 and 2 are 1495 apart)', () => {
    const instance = readTsplibFile(file('att.tsp', 'NAME: att2\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: ATT\nNODE_COORD_SECTION\n1 6734 1453\n2 2233 10\nEOF\n'));
    expect(at(instance, 0, 1)).toBe(1495);
  });

  it('GEO uses TSPLIB’s π, Earth radius and truncation', () => {
    // One degree of longitude on the equator: 6378.388 km × 3.141592/180 = 111.32 km → 112.
    const instance = readTsplibFile(file('geo.tsp', 'NAME: geo\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: GEO\nNODE_COORD_SECTION\n1 0.0 0.0\n2 0.0 1.0\n3 0.0 0.0\nEOF\n'));
    expect(at(instance, 0, 1)).toBe(112);
    expect(at(instance, 0, 2)).toBe(1); // distinct cities at one place are 1 apart under TSPLIB's "+ 1.0"
  });

  it('EXPLICIT triangular formats are mirrored into a full matrix', () => {
    const instance = readTsplibFile(
      file('upper.tsp', 'NAME: upper\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: UPPER_ROW\nEDGE_WEIGHT_SECTION\n4 5\n6\nEOF\n'),
    );
    expect(Array.from(instance.distances)).toEqual([0, 4, 5, 4, 0, 6, 5, 6, 0]);
  });
});
