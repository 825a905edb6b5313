// Starts one local cloud for the integration project, as a separate process running the
// same entry point as `npm start` (in --test mode: free ports, in-memory data, short waits).
// Tests read its connection details from LOCAL_CLOUD (see tests/support/local-cloud.ts).
import { spawnLocalCloud, type SpawnedLocalCloud } from '../../local/spawn-local-cloud';

declare global {
  // eslint-disable-next-line no-var
  var __LOCAL_CLOUD__: SpawnedLocalCloud | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cloud = await spawnLocalCloud({
    forwardLogs: process.env.LOCAL_VERBOSE === 'true',
    // Customers get 2 hours to answer a failed delivery: 7.2 s at the tests' time scale (0.001), so
    // "no answer" runs out within a test while an answering test still has ample time.
    env: { BUSINESS_RULES: JSON.stringify({ ...JSON.parse(process.env.BUSINESS_RULES ?? '{}'), failedDeliveryResponseHours: 2 }) },
  });
  globalThis.__LOCAL_CLOUD__ = cloud;
  process.env.LOCAL_CLOUD = cloud.connectionJson;
}
