// Optimized integrations (lambda:invoke, dynamodb:*, states:startExecution) return the API response
// plus the Java SDK's SdkHttpMetadata/SdkResponseMetadata, as recorded AWS histories show
// (e.g. a dynamodb:putItem result is `{"SdkHttpMetadata": {...}, "SdkResponseMetadata": {"RequestId": ...}}`).
// Only the shape matters to state machines; header values are plausible local ones.
import type { JsonObject } from '../definition';

export function sdkHttpMetadata(
  requestId: string,
  contentType: string,
  body: string,
  statusCode = 200,
  extraHeaders: Record<string, string> = {}
): JsonObject {
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(body)),
    'Content-Type': contentType,
    Date: new Date().toUTCString(),
    'x-amzn-RequestId': requestId,
    ...extraHeaders,
  };
  const allHeaders: JsonObject = {};
  for (const [name, value] of Object.entries(headers)) allHeaders[name] = [value];
  return {
    SdkHttpMetadata: { AllHttpHeaders: allHeaders, HttpHeaders: headers, HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
