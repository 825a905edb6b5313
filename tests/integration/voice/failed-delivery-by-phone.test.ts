// A missed delivery settled by phone: a courier marks the attempt failed (the real mutation), the
// failed-delivery process sends the customer their options and waits; the customer calls, picks
// return to sender, and the waiting process resumes with that choice — the same answer the link
// page would give, and, like it, only once.
import { randomUUID } from 'node:crypto';
import { adminAuth, bookableWindow, bookingInput, graphqlOk, storedBooking } from '../../support/local-cloud';
import { placeCall, say, spelled } from '../../support/voice-calls';

const CREATE_BOOKING = `mutation C($input: CreateBookingInput!) { createBooking(input: $input) { reference courierId } }`;
const UPDATE_STATUS = `mutation U($input: DeliveryStatusUpdateInput!) { updateDeliveryStatus(input: $input) { replayed } }`;
const CALLER = '+12065553481';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the caller chooses return to sender; the waiting failed-delivery process acts on it', async () => {
  const admin = await adminAuth();
  const { createBooking } = await graphqlOk<{ createBooking: { reference: string } }>(admin, CREATE_BOOKING, {
    input: bookingInput(bookableWindow(59), { customer: { name: 'Linus Pauling', phone: CALLER, email: 'linus@example.com' } }),
  });
  const reference = createBooking.reference;
  const booking = (await storedBooking(reference))!;
  const at = (booking.delivery as { location: { lat: number; lon: number } }).location;
  const location = { lat: at.lat, lon: at.lon, accuracyMeters: 15, source: 'GPS' };
  for (const status of ['COLLECTED', 'OUT_FOR_DELIVERY']) {
    await graphqlOk(admin, UPDATE_STATUS, { input: { clientUpdateId: randomUUID(), reference, status, location } });
  }
  await graphqlOk(admin, UPDATE_STATUS, {
    input: { clientUpdateId: randomUUID(), reference, status: 'FAILED_DELIVERY', location, failure: { reason: 'RECIPIENT_ABSENT', notes: 'Nobody in' } },
  });
  // The process records the attempt and sends the options; then it waits for the answer.
  await waitFor('the options to be sent', async () => {
    const attempts = ((await storedBooking(reference))?.attempts ?? []) as { offer?: unknown }[];
    return attempts.some((attempt) => attempt.offer) ? true : undefined;
  });

  const call = await placeCall({ from: CALLER });
  await say(call.callId, 'I missed my delivery');
  const options = await say(call.callId, spelled(reference));
  expect(options.prompts.map((prompt) => prompt.text).join(' ')).toMatch(/What would you like us to do\?.*return it to the sender/);
  const confirm = await say(call.callId, 'please send it back to the sender');
  expect(confirm.lex?.dialogAction).toBe('ConfirmIntent');
  const done = await say(call.callId, 'yes');
  expect(done.prompts.map((prompt) => prompt.text).join(' ')).toMatch(/Done\. We'll return the parcel to the sender/);

  const decided = await waitFor('the decision to be recorded', async () => {
    const stored = await storedBooking(reference);
    const attempts = (stored?.attempts ?? []) as { decision?: { option: string; by: string } }[];
    return attempts.find((attempt) => attempt.decision)?.decision;
  });
  expect(decided).toMatchObject({ option: 'RETURN_TO_SENDER', by: 'customer' });

  // Asking again changes nothing and says what was decided.
  const again = await placeCall({ from: CALLER });
  await say(again.callId, 'I missed my delivery');
  const answer = await say(again.callId, spelled(reference));
  expect(answer.prompts.map((prompt) => prompt.text).join(' ')).toMatch(/already know what to do|doesn't have a missed delivery/);
});
