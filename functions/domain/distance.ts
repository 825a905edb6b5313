// Straight-line distance for quick comparisons (which courier is nearest). Road distance
// and travel time come from the GeoPort.
import CheapRuler from 'cheap-ruler';
import type { GeoPoint } from './booking';

export function straightLineKm(a: GeoPoint, b: GeoPoint): number {
  const ruler = new CheapRuler((a.lat + b.lat) / 2, 'kilometers');
  return ruler.distance([a.lon, a.lat], [b.lon, b.lat]);
}
