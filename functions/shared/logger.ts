// One Powertools logger for every handler: structured JSON with the service name and,
// when a handler passes its context, the request id.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'courier' });
