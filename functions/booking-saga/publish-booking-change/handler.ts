// Tells GraphQL subscribers (admin dashboards, tracking pages) that a booking changed.
import { changePublisher } from '../../shared/container';

export const handler = async (input: { reference: string }) => {
  await changePublisher().bookingChanged(input.reference);
  return { published: input.reference };
};
