// Starts one local cloud for the integration project, as a separate process running the
// same entry point as `npm start` (in --test mode: free ports, in-memory data, short waits).
// Tests read its connection details from LOCAL_CLOUD (see tests/support/local-cloud.ts).
import { spawnLocalCloud, type SpawnedLocalCloud } from '../../local/spawn-local-cloud';
import { TEST_RULE_OVERRIDES } from '../support/test-business-rules';

declare global {
  // eslint-disable-next-line no-var
  var __LOCAL_CLOUD__: SpawnedLocalCloud | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cloud = await spawnLocalCloud({
    forwardLogs: process.env.LOCAL_VERBOSE === 'true',
    env: { BUSINESS_RULES: JSON.stringify({ ...JSON.parse(process.env.BUSINESS_RULES ?? '{}'), ...TEST_RULE_OVERRIDES }) },
  });
  globalThis.__LOCAL_CLOUD__ = cloud;
  process.env.LOCAL_CLOUD = cloud.connectionJson;
}
