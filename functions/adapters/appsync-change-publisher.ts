// Publishes changes by calling AppSync's IAM-only publish mutations, which fan out to
// subscribers exactly as on AWS (the local AppSync engine does the same).
import type { ChangePublisher } from '../ports/change-publisher';
import { PUBLISH_BOOKING_CHANGE } from '../shared/graphql-documents';

export interface GraphQLRequester {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export class AppSyncChangePublisher implements ChangePublisher {
  constructor(private readonly api: GraphQLRequester) {}

  async bookingChanged(reference: string): Promise<void> {
    await this.api.request(PUBLISH_BOOKING_CHANGE, { reference });
  }
}
