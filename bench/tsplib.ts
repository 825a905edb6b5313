// TSPLIB reader for the route bench. Two layouts:
// 1. the one in shared/bench/tsplib/ (see its README.md): name, n, the n × n integer
//    distance matrix row by row, then the proven optimal tour length;
// 2. classic TSPLIB files (NAME/DIMENSION/EDGE_WEIGHT_TYPE headers with a
//    NODE_COORD_SECTION or EDGE_WEIGHT_SECTION), so that original instances can be
//    dropped in too. Distances follow TSPLIB's definitions (Reinelt, "TSPLIB 95"), whose
//    rounding is part of the instance: the published optima are only optima under it.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface TsplibInstance {
  name: string;
  size: number;
  /** Row-major size × size distances. */
  distances: Float64Array;
  /** Proven optimal tour length, when the file states it. */
  optimum?: number;
  /** Where the distances came from (EXPLICIT matrix, EUC_2D, …). */
  edgeWeightType: string;
}

export function readTsplibFile(path: string): TsplibInstance {
  const text = readFileSync(path, 'utf8');
  return /^\s*(NAME|TYPE|COMMENT|DIMENSION)\s*:/m.test(text) ? parseClassicTsplib(text, basename(path)) : parseMatrixLayout(text, basename(path));
}

function parseMatrixLayout(text: string, fallbackName: string): TsplibInstance {
  const lines = text.split(/\r?\n/);
  const name = lines[0]?.trim() || fallbackName;
  const tokens = lines.slice(1).join(' ').trim().split(/\s+/).map(Number);
  const size = tokens[0];
  if (!Number.isInteger(size) || size < 1) throw new Error(`${fallbackName}: line 2 should be the city count, got ${lines[1]}`);
  const expected = 1 + size * size + 1;
  if (tokens.length !== expected) throw new Error(`${fallbackName}: expected ${size}² distances and an optimum (${expected} numbers after the name), got ${tokens.length}`);
  const distances = Float64Array.from(tokens.slice(1, 1 + size * size));
  if (distances.some((value) => !Number.isFinite(value))) throw new Error(`${fallbackName}: the matrix has a non-numeric entry`);
  return { name: name.replace(/\.tsp$/, ''), size, distances, optimum: tokens[expected - 1], edgeWeightType: 'EXPLICIT' };
}

/** TSPLIB's nint: round half up. */
const nint = (value: number) => Math.floor(value + 0.5);

function parseClassicTsplib(text: string, fallbackName: string): TsplibInstance {
  const headers = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  let section = '';
  const sectionTokens = new Map<string, number[]>();
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line === '' || line === 'EOF') continue;
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      headers.set(header[1], header[2].trim());
      section = '';
      continue;
    }
    if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = line;
      sectionTokens.set(section, []);
      continue;
    }
    if (section) sectionTokens.get(section)?.push(...line.split(/\s+/).map(Number));
  }
  const name = headers.get('NAME') ?? fallbackName;
  const size = Number(headers.get('DIMENSION'));
  const edgeWeightType = headers.get('EDGE_WEIGHT_TYPE') ?? 'EXPLICIT';
  const distances = new Float64Array(size * size);

  if (edgeWeightType === 'EXPLICIT') {
    const format = headers.get('EDGE_WEIGHT_FORMAT') ?? 'FULL_MATRIX';
    const weights = sectionTokens.get('EDGE_WEIGHT_SECTION') ?? [];
    let next = 0;
    const set = (i: number, j: number) => {
      distances[i * size + j] = weights[next];
      distances[j * size + i] = weights[next++];
    };
    if (format === 'FULL_MATRIX') distances.set(weights.slice(0, size * size));
    else if (format === 'UPPER_ROW') for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) set(i, j);
    else if (format === 'LOWER_ROW') for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) set(i, j);
    else if (format === 'UPPER_DIAG_ROW') for (let i = 0; i < size; i++) for (let j = i; j < size; j++) set(i, j);
    else if (format === 'LOWER_DIAG_ROW') for (let i = 0; i < size; i++) for (let j = 0; j <= i; j++) set(i, j);
    else throw new Error(`${name}: EDGE_WEIGHT_FORMAT ${format} is not supported`);
    return { name, size, distances, edgeWeightType: `EXPLICIT/${format}` };
  }

  const coordinates = sectionTokens.get('NODE_COORD_SECTION') ?? [];
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    // Each record is "index x y"; indices are 1-based.
    const index = coordinates[3 * k] - 1;
    x[index] = coordinates[3 * k + 1];
    y[index] = coordinates[3 * k + 2];
  }
  const distance = distanceFunction(edgeWeightType, x, y, name);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) distances[i * size + j] = i === j ? 0 : distance(i, j);
  return { name, size, distances, edgeWeightType };
}

function distanceFunction(edgeWeightType: string, x: Float64Array, y: Float64Array, name: string): (i: number, j: number) => number {
  switch (edgeWeightType) {
    case 'EUC_2D':
      return (i, j) => nint(Math.hypot(x[i] - x[j], y[i] - y[j]));
    case 'CEIL_2D':
      return (i, j) => Math.ceil(Math.hypot(x[i] - x[j], y[i] - y[j]));
    case 'ATT':
      // Pseudo-Euclidean: distances scaled by 1/√10 and always rounded up.
      return (i, j) => {
        const exact = Math.sqrt(((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2) / 10);
        const rounded = nint(exact);
        return rounded < exact ? rounded + 1 : rounded;
      };
    case 'GEO': {
      // Coordinates are DDD.MM (degrees and minutes); TSPLIB fixes π and the Earth
      // radius to these values, and truncates, so the optima depend on them.
      const PI = 3.141592;
      const radians = (value: number) => {
        const degrees = Math.trunc(value);
        return (PI * (degrees + (5.0 * (value - degrees)) / 3.0)) / 180.0;
      };
      const latitude = Array.from(x, radians);
      const longitude = Array.from(y, radians);
      const earthRadius = 6378.388;
      return (i, j) => {
        const q1 = Math.cos(longitude[i] - longitude[j]);
        const q2 = Math.cos(latitude[i] - latitude[j]);
        const q3 = Math.cos(latitude[i] + latitude[j]);
        return Math.trunc(earthRadius * Math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0);
      };
    }
    default:
      throw new Error(`${name}: EDGE_WEIGHT_TYPE ${edgeWeightType} is not supported`);
  }
}
