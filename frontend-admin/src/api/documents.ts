// GraphQL documents of the admin app. The subscription selects a subset of what the backend's
// publishBookingChange selects (AppSync delivers only fields the triggering mutation selected).
const ADDRESS = 'line1 line2 city region postcode country location { lat lon } precision approximate label';

export const BOOKING_FIELDS = /* GraphQL */ `
  reference displayReference status channel
  customer { name phone email }
  pickup { ${ADDRESS} }
  delivery { ${ADDRESS} }
  parcel { size weightKg handling description }
  pickupWindow { id date startLocal endLocal startsAt endsAt label }
  pickupDate
  price { currency totalMinor lines { code label amountMinor } distanceKm }
  paymentId courierId partnerId notes createdAt updatedAt version
`;

export const BOOKINGS_BY_DATE = /* GraphQL */ `
  query BookingsByDate($date: AWSDate!, $limit: Int, $nextToken: String) {
    bookingsByDate(date: $date, limit: $limit, nextToken: $nextToken) { items { ${BOOKING_FIELDS} } nextToken }
  }
`;

export const GET_BOOKING = /* GraphQL */ `
  query GetBooking($reference: ID!) { getBooking(reference: $reference) { ${BOOKING_FIELDS} } }
`;

export const TRACKING_HISTORY = /* GraphQL */ `
  query TrackingHistory($reference: ID!) {
    trackingHistory(reference: $reference) { reference sequence status at description actor location { lat lon } notes }
  }
`;

export const PICKUP_WINDOWS = /* GraphQL */ `
  query PickupWindows($date: AWSDate!) {
    pickupWindows(date: $date) { window { id date startLocal endLocal startsAt endsAt label } capacity booked remaining }
  }
`;

export const COURIERS = /* GraphQL */ `
  query Couriers {
    couriers { courierId name phone email vehicle onDuty homeBase { lat lon } position { lat lon } positionAt region }
  }
`;

export const OUTBOX = /* GraphQL */ `
  query Outbox($day: AWSDate!, $limit: Int, $nextToken: String) {
    outbox(day: $day, limit: $limit, nextToken: $nextToken) { items { messageId channel to subject body template reference createdAt } nextToken }
  }
`;

export const CREATE_BOOKING = /* GraphQL */ `
  mutation CreateBooking($input: CreateBookingInput!) { createBooking(input: $input) { ${BOOKING_FIELDS} } }
`;

export const SET_PICKUP_CAPACITY = /* GraphQL */ `
  mutation SetPickupCapacity($windowId: ID!, $capacity: Int!) {
    setPickupCapacity(windowId: $windowId, capacity: $capacity) { window { id date startLocal endLocal startsAt endsAt label } capacity booked remaining }
  }
`;

export const ON_BOOKING_CHANGED = /* GraphQL */ `
  subscription OnBookingChanged($reference: ID, $pickupDate: AWSDate) {
    onBookingChanged(reference: $reference, pickupDate: $pickupDate) { ${BOOKING_FIELDS} }
  }
`;

export const FEEDBACK_BY_DAY = /* GraphQL */ `
  query FeedbackByDay($day: AWSDate!, $limit: Int, $nextToken: String) {
    feedbackByDay(day: $day, limit: $limit, nextToken: $nextToken) {
      items {
        feedbackReference displayReference bookingReference type details severity statedSeverity category rating
        flagged flagReason customer { name phone } callerNumber channel status createdAt day onCallNotifiedAt
      }
      nextToken
    }
  }
`;

export const COURIER_DELIVERIES = /* GraphQL */ `
  query CourierDeliveries($courierId: ID!, $date: AWSDate) {
    courierDeliveries(courierId: $courierId, date: $date) {
      reference displayReference status customer { name phone } pickup { city label } delivery { city label }
      parcel { size weightKg handling } pickupWindow { id date startLocal endLocal startsAt endsAt label } jobDate courierId
      failedAttempts depotCollection currentAttempt { number kind date window { id date startLocal endLocal startsAt endsAt label } }
      returnToSender { reason date } collectedAt deliveredAt
    }
  }
`;

export const COURIER_REPORT = /* GraphQL */ `
  query CourierReport($courierId: ID!, $period: ReportPeriod!, $date: AWSDate) {
    courierReport(courierId: $courierId, period: $period, date: $date) {
      courierId range { period from to } deliveredOnDay deliveredInWeek deliveredInMonth delivered failedAttempts returned
      successRate averagePickupToDeliveryMinutes earnings { currency perDeliveryMinor totalMinor }
      perDay { date delivered failed } rank { position outOf betterThanPercent } peakHours { hour deliveries }
      topAreas { area deliveries } failureReasons { reason count } team { medianSuccessRate medianPickupToDeliveryMinutes }
      suggestions { code message }
    }
  }
`;
