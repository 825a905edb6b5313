// Booking saga step: store the booking and the first entry of its audit trail, together.
// Only after this does anyone hear the reference.
import { confirmBooking } from '../../domain/booking';
import { bookingStore } from '../../shared/container';
import type { PersistStepInput } from '../types';

export const handler = async (input: PersistStepInput) => {
  const partnerId = input.requestedBy.startsWith('partner:') ? input.requestedBy.slice('partner:'.length) : undefined;
  const { booking, event } = confirmBooking(
    {
      reference: input.reference,
      channel: input.request.channel,
      customer: input.request.customer,
      pickup: input.pickup,
      delivery: input.delivery,
      parcel: input.request.parcel,
      pickupWindow: input.request.pickupWindow,
      price: input.quote,
      paymentId: input.paymentId,
      ...(partnerId ? { partnerId } : {}),
      ...(input.request.notes ? { notes: input.request.notes } : {}),
    },
    input.startedAt,
  );
  const stored = await bookingStore().createBooking(booking, event);
  // A retry after a lost response finds the booking already there: return what is stored.
  return stored === 'created' ? booking : (await bookingStore().getBooking(input.reference))!;
};
