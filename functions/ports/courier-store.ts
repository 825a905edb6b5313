import type { GeoPoint } from '../domain/booking';

export interface CourierProfile {
  courierId: string;
  name: string;
  phone: string;
  email: string;
  /** Cognito username, links a signed-in courier to this profile. */
  username: string;
  vehicle: 'BIKE' | 'CAR' | 'VAN';
  onDuty: boolean;
  homeBase: GeoPoint;
  position?: GeoPoint;
  positionAt?: string;
  region: string;
}

export interface CourierStore {
  listCouriers(): Promise<CourierProfile[]>;
  getCourier(courierId: string): Promise<CourierProfile | null>;
  /** The profile of a signed-in courier, by their Cognito username. */
  findByUsername(username: string): Promise<CourierProfile | null>;
  putCourier(courier: CourierProfile): Promise<void>;
}
