// Every item of a Query or Scan, page after page (lib-dynamodb's paginators follow LastEvaluatedKey).
import { paginateQuery, paginateScan, type DynamoDBDocumentClient, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

export async function queryAll<T>(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery({ client }, input)) items.push(...((page.Items ?? []) as T[]));
  return items;
}

export async function scanAll<T>(client: DynamoDBDocumentClient, input: ScanCommandInput): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateScan({ client }, input)) items.push(...((page.Items ?? []) as T[]));
  return items;
}
