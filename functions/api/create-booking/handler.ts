// GraphQL Mutation.createBooking (admins and backend callers).
import type { BookingRequestInput } from '../../domain/booking-request';
import { appSyncResolver, principalOf } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { clock, workflows } from '../../shared/container';
import { requestBooking } from '../../use-cases/request-booking';

type CreateBookingArgs = { input: BookingRequestInput & { idempotencyKey?: string | null } };

export const handler = appSyncResolver<CreateBookingArgs, unknown>(async (event) => {
  const principal = principalOf(event.identity);
  return requestBooking(
    event.arguments.input,
    { principal, channel: principal.startsWith('admin:') ? 'ADMIN' : 'API' },
    { workflows: workflows(), clock, rules: businessRules() },
  );
});
