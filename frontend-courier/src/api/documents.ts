// The GraphQL documents of the courier app.
const ADDRESS = 'line1 line2 city region postcode label approximate location { lat lon }';
const WINDOW = 'id date startLocal endLocal label';

export const DELIVERY_FIELDS = /* GraphQL */ `
  reference displayReference status courierId jobDate pickupDate notes failedAttempts depotCollection nextStatuses updatedAt version collectedAt deliveredAt
  customer { name phone }
  pickup { ${ADDRESS} }
  delivery { ${ADDRESS} }
  parcel { size weightKg handling description }
  pickupWindow { ${WINDOW} }
  attempts { number kind date window { ${WINDOW} } instructions outcome failure { reason notes at } decision { option at by } }
  currentAttempt { number kind date window { ${WINDOW} } instructions outcome failure { reason notes at } decision { option at by } }
  returnToSender { reason date }
  proof { attempt recipientName hasSignature hasPhoto signatureUrl photoUrl pinVerified capturedAt }
`;

const TIMELINE = 'timeline { sequence status at description actor notes failureReason locationSource location { lat lon } }';

export const MY_DAY = /* GraphQL */ `
  query MyDay($date: AWSDate, $from: GeoPointInput) {
    myDeliveries(date: $date) { ${DELIVERY_FIELDS} }
    myRoute(date: $date, from: $from) {
      date startSource start { lat lon } settled totalKm totalMinutes approximate method
      stops { sequence kind reference displayReference status customerName address { ${ADDRESS} } legKm legMinutes cumulativeMinutes }
    }
  }
`;

export const MY_DELIVERY = /* GraphQL */ `
  query MyDelivery($reference: ID!) { myDelivery(reference: $reference) { ${DELIVERY_FIELDS} ${TIMELINE} } }
`;

export const UPDATE_STATUS = /* GraphQL */ `
  mutation UpdateStatus($input: DeliveryStatusUpdateInput!) {
    updateDeliveryStatus(input: $input) { replayed event { sequence status at } delivery { ${DELIVERY_FIELDS} } }
  }
`;

export const ON_MY_DELIVERY_CHANGED = /* GraphQL */ `
  subscription OnMyDeliveryChanged { onMyDeliveryChanged { reference status courierId version } }
`;

export const MY_REPORT = /* GraphQL */ `
  query MyReport($period: ReportPeriod!, $date: AWSDate) {
    myReport(period: $period, date: $date) {
      range { period from to }
      deliveredOnDay deliveredInWeek deliveredInMonth delivered failedAttempts returned successRate averagePickupToDeliveryMinutes
      earnings { currency perDeliveryMinor totalMinor }
      perDay { date delivered failed }
      rank { position outOf betterThanPercent }
      peakHours { hour deliveries }
      topAreas { area deliveries }
      failureReasons { reason count }
      team { medianSuccessRate medianPickupToDeliveryMinutes }
      suggestions { code message }
    }
  }
`;

export const MY_HISTORY = /* GraphQL */ `
  query MyHistory($search: String, $limit: Int, $nextToken: String) {
    myDeliveryHistory(search: $search, limit: $limit, nextToken: $nextToken) {
      nextToken
      items { reference displayReference status jobDate customer { name } delivery { label } pickup { label } deliveredAt ${TIMELINE} }
    }
  }
`;

export const FAILED_DELIVERY_OPTIONS = /* GraphQL */ `
  query FailedDeliveryOptions($token: String!) {
    failedDeliveryOptions(token: $token) {
      displayReference status attempt attemptsLeft reason reasonText failedAt deliverTo location { lat lon } options expiresAt closedReason
      windows { window { ${WINDOW} } remaining }
      answer { option windowId instructions at }
    }
  }
`;

export const CHOOSE_FAILED_DELIVERY_OPTION = /* GraphQL */ `
  mutation Choose($token: String!, $choice: FailedDeliveryOption!, $windowId: ID, $instructions: String) {
    chooseFailedDeliveryOption(token: $token, choice: $choice, windowId: $windowId, instructions: $instructions) { option window { ${WINDOW} } message }
  }
`;

export const TRACK_DELIVERY = /* GraphQL */ `
  query TrackDelivery($token: String!) {
    trackDelivery(token: $token) {
      displayReference status statusText pickupArea deliverTo location { lat lon } currentPlace courierFirstName
      pickupWindow { ${WINDOW} }
      eta { kind at date window { ${WINDOW} } }
      timeline { status title detail at place }
      deliveryOptionsOpen deliveryOptionsDeadline linkExpiresAt updatedAt
    }
  }
`;
