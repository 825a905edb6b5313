// GraphQL documents sent by backend code. AppSync delivers to subscribers only the fields
// the triggering mutation selected, so publishers select every field of the type.
export const BOOKING_FIELDS = /* GraphQL */ `
  reference displayReference status channel
  customer { name phone email }
  pickup { line1 line2 city region postcode country location { lat lon } precision approximate label }
  delivery { line1 line2 city region postcode country location { lat lon } precision approximate label }
  parcel { size weightKg handling description }
  pickupWindow { id date startLocal endLocal startsAt endsAt label }
  pickupDate
  price { currency totalMinor lines { code label amountMinor } distanceKm }
  paymentId courierId partnerId notes createdAt updatedAt version
  attempts {
    number kind date window { id date startLocal endLocal startsAt endsAt label } instructions courierId startedAt outcome endedAt
    failure { reason notes at location { lat lon accuracyMeters source } }
    decision { option at by windowId instructions }
  }
  returnToSender { reason decidedAt date courierId }
  collectedAt deliveredAt returnedAt
`;

export const PUBLISH_BOOKING_CHANGE = /* GraphQL */ `
  mutation PublishBookingChange($reference: ID!) {
    publishBookingChange(reference: $reference) { ${BOOKING_FIELDS} }
  }
`;
