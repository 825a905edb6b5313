// SDK clients, created once per container. Endpoints come from the standard
// AWS_ENDPOINT_URL_<SERVICE> variables, which the local cloud points at its engines.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

let documentClient: DynamoDBDocumentClient | undefined;
let sfnClient: SFNClient | undefined;

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export function stepFunctionsClient(): SFNClient {
  sfnClient ??= new SFNClient({});
  return sfnClient;
}
