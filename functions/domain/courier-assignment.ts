// Picks the courier for a new pickup: the nearest one on duty who still has room in
// their day; ties go to whoever has fewer jobs, then to the lower id so the choice is
// deterministic (and testable).
import type { GeoPoint } from './booking';

export interface CourierCandidate {
  courierId: string;
  onDuty: boolean;
  /** Last known position, or their home base when none was reported yet. */
  position: GeoPoint;
  jobsOnDate: number;
}

export function chooseCourier(
  candidates: readonly CourierCandidate[],
  pickup: GeoPoint,
  distanceKm: (a: GeoPoint, b: GeoPoint) => number,
  maxJobsPerDay: number,
): CourierCandidate | null {
  let best: { candidate: CourierCandidate; distance: number } | null = null;
  for (const candidate of candidates) {
    if (!candidate.onDuty || candidate.jobsOnDate >= maxJobsPerDay) continue;
    const distance = distanceKm(candidate.position, pickup);
    if (
      best === null ||
      distance < best.distance ||
      (distance === best.distance &&
        (candidate.jobsOnDate < best.candidate.jobsOnDate ||
          (candidate.jobsOnDate === best.candidate.jobsOnDate && candidate.courierId < best.candidate.courierId)))
    ) {
      best = { candidate, distance };
    }
  }
  return best?.candidate ?? null;
}
