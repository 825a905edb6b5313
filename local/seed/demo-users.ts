// Demo sign-ins seeded into local Cognito (printed by `npm start`). Local only: these
// passwords are public, like the local signing key.
export interface DemoUser {
  username: string;
  email: string;
  password: string;
  groups: string[];
  attributes?: Record<string, string>;
  /** For couriers: their profile in the couriers table. */
  courierId?: string;
  displayName: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', email: 'admin@courier.example', password: 'Admin-Demo-2026!', groups: ['admin'], displayName: 'Dispatch admin' },
  { username: 'maria', email: 'maria@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C001', displayName: 'Maria Lopez' },
  { username: 'james', email: 'james@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C002', displayName: 'James Chen' },
  { username: 'aisha', email: 'aisha@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C003', displayName: 'Aisha Okafor' },
  { username: 'tom', email: 'tom@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C004', displayName: 'Tom Becker' },
  { username: 'li', email: 'li@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C005', displayName: 'Li Wei' },
  { username: 'sofia', email: 'sofia@courier.example', password: 'Courier-Demo-2026!', groups: ['courier'], courierId: 'C006', displayName: 'Sofia Rossi' },
];
