// Feedback taken by phone, as admins see it: feedbackByDay lists the day's feedback with flagged
// complaints first, carries what the caller said and how it was triaged, and is for admins only.
import { adminAuth, courierAuth, graphql, graphqlOk } from '../../support/local-cloud';
import { arrangeBooking, placeCall, referencesSpoken, say, spelled } from '../../support/voice-calls';

const FEEDBACK_BY_DAY = `query F($day: AWSDate!, $limit: Int, $nextToken: String) {
  feedbackByDay(day: $day, limit: $limit, nextToken: $nextToken) {
    items { feedbackReference displayReference bookingReference type details severity statedSeverity category rating flagged flagReason customer { name phone } callerNumber channel createdAt day onCallNotifiedAt }
    nextToken
  }
}`;

async function giveFeedback(phone: string, window: number, answers: string[]): Promise<string> {
  const reference = await arrangeBooking({ status: 'DELIVERED', window, phone });
  const call = await placeCall({ from: phone });
  let turn = await say(call.callId, 'I would like to leave some feedback');
  turn = await say(call.callId, spelled(reference));
  for (const answer of answers) turn = await say(call.callId, answer);
  const [feedbackReference] = referencesSpoken(turn.prompts, 'FB');
  if (!feedbackReference) throw new Error(`no feedback reference read out: ${turn.prompts.map((prompt) => prompt.text).join(' ')}`);
  return feedbackReference;
}

type Item = { feedbackReference: string; flagged: boolean; createdAt: string };

test('admins list a day’s feedback with flagged complaints first; couriers may not', async () => {
  // The general feedback is given first, so only the sort key can put the complaint ahead of it.
  const praise = await giveFeedback('+12065553471', 58, ['general feedback', 'the driver was early and friendly', 'five']);
  const complaint = await giveFeedback('+12065553472', 58, ['a complaint', 'my parcel never arrived at all', 'medium']);
  const day = new Date().toISOString().slice(0, 10);

  const items: Item[] = [];
  let nextToken: string | null = null;
  do {
    const page: { feedbackByDay: { items: Item[]; nextToken: string | null } } = await graphqlOk(await adminAuth(), FEEDBACK_BY_DAY, { day, limit: 50, nextToken });
    items.push(...page.feedbackByDay.items);
    nextToken = page.feedbackByDay.nextToken;
  } while (nextToken);

  const position = (reference: string) => items.findIndex((item) => item.feedbackReference === reference);
  expect(position(complaint)).toBeGreaterThanOrEqual(0);
  expect(position(praise)).toBeGreaterThan(position(complaint));
  // Flagged first, then the rest, each oldest first.
  const flags = items.map((item) => item.flagged);
  expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));

  expect(items[position(complaint)]).toMatchObject({
    type: 'COMPLAINT',
    statedSeverity: 'MEDIUM',
    severity: 'HIGH',
    category: 'LOST',
    flagged: true,
    flagReason: expect.stringMatching(/lost/),
    details: 'my parcel never arrived at all',
    customer: { name: 'Grace Hopper', phone: '+12065553472' },
    callerNumber: '+12065553472',
    channel: 'VOICE',
    day,
    onCallNotifiedAt: expect.any(String),
  });
  expect(items[position(praise)]).toMatchObject({ type: 'GENERAL_FEEDBACK', rating: 5, flagged: false, severity: null, onCallNotifiedAt: null });

  const asCourier = await graphql(await courierAuth(), FEEDBACK_BY_DAY, { day });
  expect(asCourier.errors?.[0]?.errorType).toBe('Unauthorized');
  const tooMany = await graphql(await adminAuth(), FEEDBACK_BY_DAY, { day, limit: 500 });
  expect(tooMany.errors?.[0]?.message).toMatch(/limit/);
});
