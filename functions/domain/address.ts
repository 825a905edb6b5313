// A postal address as people give it: the one shape the booking rules, the geo port and the
// voice channel share (geocoded and booked addresses extend it).
export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  /** State, province or county. */
  region?: string;
  postcode?: string;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: string;
}
