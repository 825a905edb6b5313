// Feedback and complaints: references, validation, and triage that can raise but never lower the
// severity a caller gives.
import fc from 'fast-check';
import type { Booking } from '../../../functions/domain/booking';
import {
  feedbackReferenceFor,
  flaggedComplaintAlert,
  isCompletedDelivery,
  isFeedbackReference,
  newFeedback,
  SEVERITIES,
  triageComplaint,
  validateFeedback,
  InvalidFeedback,
  type Severity,
} from '../../../functions/domain/feedback';

const booking = {
  reference: 'CB7K2M9Q',
  displayReference: 'CB-7K2M9Q',
  status: 'DELIVERED',
  customer: { name: 'Grace Hopper', phone: '+12065550111' },
  delivery: { city: 'Bellevue' },
} as unknown as Booking;

describe('feedback references', () => {
  it('are FB + 6 letters or digits, the same for the same key and different for another', () => {
    const reference = feedbackReferenceFor('VOICE\u0000contact-1-0');
    expect(isFeedbackReference(reference)).toBe(true);
    expect(feedbackReferenceFor('VOICE\u0000contact-1-0')).toBe(reference);
    expect(feedbackReferenceFor('VOICE\u0000contact-1-1')).not.toBe(reference);
  });

  it('property: every key gives a well-formed reference', () => {
    fc.assert(fc.property(fc.string(), (key) => isFeedbackReference(feedbackReferenceFor(key))));
  });
});

describe('validation', () => {
  it('needs a type, details, and for complaints a severity; ratings are 1 to 5', () => {
    expect(() => validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'PRAISE', details: '', channel: 'VOICE' })).toThrow(InvalidFeedback);
    expect(() => validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'COMPLAINT', details: 'late', channel: 'VOICE' })).toThrow(/severity/);
    expect(() => validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'GENERAL_FEEDBACK', details: 'great', rating: 6, channel: 'VOICE' })).toThrow(/1 to 5/);
    expect(validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'GENERAL_FEEDBACK', details: '  great   service ', rating: 5, channel: 'VOICE' })).toEqual({
      bookingReference: 'CB7K2M9Q',
      type: 'GENERAL_FEEDBACK',
      details: 'great service',
      rating: 5,
      channel: 'VOICE',
    });
  });

  it('takes feedback only on deliveries that are over', () => {
    expect(isCompletedDelivery({ status: 'DELIVERED' })).toBe(true);
    expect(isCompletedDelivery({ status: 'RETURNED' })).toBe(true);
    expect(isCompletedDelivery({ status: 'OUT_FOR_DELIVERY' })).toBe(false);
  });
});

describe('triage', () => {
  it('categorises the complaint and raises the severity to what it describes', () => {
    expect(triageComplaint('the driver threatened me at the door', 'LOW')).toMatchObject({ category: 'SAFETY', severity: 'CRITICAL', flagged: true });
    expect(triageComplaint('my parcel never arrived', 'MEDIUM')).toMatchObject({ category: 'LOST', severity: 'HIGH', flagged: true });
    expect(triageComplaint('the box was crushed', 'LOW')).toMatchObject({ category: 'DAMAGED', severity: 'MEDIUM', flagged: false });
    expect(triageComplaint('it came twenty minutes late', 'LOW')).toMatchObject({ category: 'LATE', severity: 'LOW', flagged: false });
    expect(triageComplaint('I did not like the colour of the van', 'HIGH')).toMatchObject({ category: 'OTHER', severity: 'HIGH', flagged: true, flagReason: 'high severity, as the caller said' });
  });

  it('property: never lowers the stated severity; flags exactly high and critical', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...SEVERITIES), (details, stated: Severity) => {
        const triage = triageComplaint(details, stated);
        return SEVERITIES.indexOf(triage.severity) >= SEVERITIES.indexOf(stated) && triage.flagged === (triage.severity === 'HIGH' || triage.severity === 'CRITICAL');
      }),
    );
  });
});

describe('a stored complaint', () => {
  it('carries the customer, the time, and sorts flagged first within its day', () => {
    const valid = validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'COMPLAINT', details: 'the laptop inside is smashed', statedSeverity: 'HIGH', callerNumber: '+12065550111', channel: 'VOICE' });
    const feedback = newFeedback(valid, booking, 'FBABC123', new Date('2026-12-08T17:05:00Z'));
    expect(feedback).toMatchObject({
      displayReference: 'FB-ABC123',
      bookingReference: 'CB7K2M9Q',
      customer: { name: 'Grace Hopper', phone: '+12065550111' },
      severity: 'HIGH',
      category: 'DAMAGED',
      flagged: true,
      createdAt: '2026-12-08T17:05:00.000Z',
      day: '2026-12-08',
      triageKey: '0#2026-12-08T17:05:00.000Z',
      status: 'OPEN',
    });
    const alert = flaggedComplaintAlert(feedback, booking);
    expect(alert.subject).toBe('HIGH complaint FB-ABC123 on CB-7K2M9Q');
    expect(alert.body).toContain('Grace Hopper, +12065550111');
    expect(alert.sms.length).toBeLessThanOrEqual(320);
  });
});
