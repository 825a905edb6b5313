// Ratings and comments about a courier (R12.3) on the local cloud: a delivery booked through the
// saga and delivered by its courier through the courier API, then rated and complained about by
// phone (call API → Lex → code hook → recordFeedback). The feedback is stored with the booking's
// courier, and shows up anonymised in that courier's myReport (and an admin's courierReport of
// them), never in another courier's.
import { adminAuth, bookableWindow, graphqlOk, scanTable } from '../support/local-cloud';
import { anotherCourier, authOfCourier, bookDelivery, takeOutForDelivery, updateOk } from '../support/deliveries';
import { placeCall, referencesSpoken, say, spelled } from '../support/voice-calls';

// This file's own window (see bookableWindow).
const WINDOW = bookableWindow(51);

const CUSTOMER = { name: 'Katherine Johnson', phone: '+12065550162', email: 'katherine.johnson@example.com' };

const FEEDBACK_FIELDS = /* GraphQL */ `
  feedback {
    received ratingCount averageRating complaints
    ratingDistribution { rating count }
    complaintsBySeverity { severity count }
    complaintsByCategory { category count }
    recentComments { date type rating severity category excerpt bookingDisplayReference }
  }
`;
const MY_REPORT = `query R { myReport(period: DAY) { courierId ${FEEDBACK_FIELDS} suggestions { code message } } }`;
const COURIER_REPORT = `query R($courierId: ID!) { courierReport(courierId: $courierId, period: DAY) { courierId ${FEEDBACK_FIELDS} } }`;

type Comment = { date: string; type: string; rating: number | null; severity: string | null; category: string | null; excerpt: string; bookingDisplayReference: string };
type Report = {
  courierId: string;
  feedback: {
    received: number;
    ratingCount: number;
    averageRating: number | null;
    complaints: number;
    ratingDistribution: { rating: number; count: number }[];
    complaintsBySeverity: { severity: string; count: number }[];
    complaintsByCategory: { category: string; count: number }[];
    recentComments: Comment[];
  };
  suggestions: { code: string; message: string }[];
};

/** Feedback by phone, as a caller gives it; returns the feedback reference read out. */
async function feedbackByPhone(reference: string, answers: string[]): Promise<string> {
  const call = await placeCall({ from: CUSTOMER.phone });
  let turn = await say(call.callId, 'I would like to leave some feedback');
  turn = await say(call.callId, spelled(reference));
  for (const answer of answers) turn = await say(call.callId, answer);
  const [feedbackReference] = referencesSpoken(turn.prompts, 'FB');
  if (!feedbackReference) throw new Error(`no feedback reference read out: ${turn.prompts.map((prompt) => prompt.text).join(' ')}`);
  return feedbackReference;
}

describe('ratings and comments in a courier’s report', () => {
  let reference: string;
  let display: string;
  let courierId: string;
  let rating: string;
  let complaint: string;

  beforeAll(async () => {
    ({ reference, courierId } = await bookDelivery(WINDOW, { customer: CUSTOMER }));
    display = `${reference.slice(0, 2)}-${reference.slice(2)}`;
    const courier = await authOfCourier(courierId);
    await takeOutForDelivery(courier, reference);
    await updateOk(courier, { reference, status: 'DELIVERED', proof: { recipientName: 'K. Johnson' } });

    rating = await feedbackByPhone(reference, ['general feedback', 'Katherine Johnson here, the parcel was fine but he came forty minutes after the window', 'two']);
    complaint = await feedbackByPhone(reference, ['a complaint', 'the driver was rude and threw the box at my door, call me back on 206 555 0162', 'low']);
  }, 60_000);

  it('stores the feedback with the courier who delivered it', async () => {
    const stored = (await scanTable('feedback')).filter((item) => item.bookingReference === reference);
    expect(stored.map((item) => item.feedbackReference).sort()).toEqual([rating, complaint].sort());
    for (const item of stored) expect(item.courierId).toBe(courierId);
  });

  it('the courier sees the rating and the complaint in their report, without who gave them', async () => {
    const { myReport } = await graphqlOk<{ myReport: Report }>(await authOfCourier(courierId), MY_REPORT);
    const { feedback } = myReport;
    expect(myReport.courierId).toBe(courierId);

    const mine = feedback.recentComments.filter((c) => c.bookingDisplayReference === display);
    expect(mine).toHaveLength(2);
    // Newest first: the complaint was given second.
    expect(mine[0]).toMatchObject({ type: 'COMPLAINT', rating: null, severity: 'MEDIUM', category: 'COURIER_CONDUCT' });
    expect(mine[0].excerpt).toMatch(/rude/);
    expect(mine[0].excerpt).toMatch(/\[phone\]/);
    expect(mine[1]).toMatchObject({ type: 'GENERAL_FEEDBACK', rating: 2, severity: null, category: null });
    expect(mine[1].excerpt).toMatch(/^\[name\] \[name\] here, the parcel was fine/);
    for (const comment of mine) expect(comment.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Counts include at least these two (other feedback about the same courier may arrive meanwhile).
    expect(feedback.received).toBeGreaterThanOrEqual(2);
    expect(feedback.ratingCount).toBeGreaterThanOrEqual(1);
    expect(feedback.ratingDistribution.find((d) => d.rating === 2)!.count).toBeGreaterThanOrEqual(1);
    expect(feedback.ratingDistribution.reduce((sum, d) => sum + d.count, 0)).toBe(feedback.ratingCount);
    expect(feedback.averageRating).toBeGreaterThanOrEqual(1);
    expect(feedback.averageRating).toBeLessThanOrEqual(5);
    expect(feedback.complaints).toBeGreaterThanOrEqual(1);
    expect(feedback.complaintsBySeverity.find((s) => s.severity === 'MEDIUM')!.count).toBeGreaterThanOrEqual(1);
    expect(feedback.complaintsBySeverity.reduce((sum, s) => sum + s.count, 0)).toBe(feedback.complaints);
    expect(feedback.complaintsByCategory).toContainEqual({ category: 'COURIER_CONDUCT', count: expect.any(Number) });

    // Nothing about the customer: not their name, number or e-mail, nor the feedback references given to them.
    const json = JSON.stringify(myReport);
    for (const secret of ['Katherine', 'Johnson', '555', 'example.com', rating, complaint]) expect(json).not.toContain(secret);
  });

  it('an admin sees the same in courierReport; another courier sees none of it', async () => {
    const { courierReport } = await graphqlOk<{ courierReport: Report }>(await adminAuth(), COURIER_REPORT, { courierId });
    expect(courierReport.feedback.recentComments.filter((c) => c.bookingDisplayReference === display)).toHaveLength(2);

    const other = anotherCourier(courierId);
    const { myReport } = await graphqlOk<{ myReport: Report }>(await authOfCourier(other), MY_REPORT);
    expect(myReport.courierId).toBe(other);
    expect(myReport.feedback.recentComments.map((c) => c.bookingDisplayReference)).not.toContain(display);
    expect(JSON.stringify(myReport)).not.toContain(reference.slice(2));
  });
});
