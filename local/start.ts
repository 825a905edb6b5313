// `npm start`: the whole local cloud with demo data, until Ctrl-C.
// `--test` (used by the test setup): free ports, in memory, no banner; prints one line
// "LOCAL_CLOUD_READY <json>" with everything a test needs to connect.
// Lambda and AppSync run in UTC; so does everything in this process.
process.env.TZ = 'UTC';
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudEndpoints } from './cloud';
import { seedCouriers, seedDemoBookings } from './seed/seed';
import { developmentSettings, testSettings } from './settings';

const testMode = process.argv.includes('--test');
const verbose = process.argv.includes('--verbose') || process.env.LOCAL_VERBOSE === 'true';

/** Everything a client needs to connect (tests read it from LOCAL_CLOUD, tools from .data/local-cloud.json). */
export interface LocalCloudConnection extends LocalCloudEndpoints {
  apiKey: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  stateMachineArns: Record<string, string>;
  tables: Record<string, string>;
  users: { username: string; password: string; groups: string[]; courierId?: string }[];
}

export function connectionOf(cloud: LocalCloud): LocalCloudConnection {
  return {
    ...cloud.endpoints,
    apiKey: cloud.apiKey,
    region: cloud.region,
    userPoolId: cloud.cognito.userPoolId,
    userPoolClientId: cloud.cognito.userPoolClientId,
    stateMachineArns: cloud.stateMachineArns,
    tables: Object.fromEntries(['bookings', 'trackingEvents', 'capacity', 'couriers', 'outbox'].map((id) => [id, cloud.tableName(id as never)])),
    users: cloud.users.map((u) => ({ username: u.username, password: u.password, groups: u.groups, ...(u.courierId ? { courierId: u.courierId } : {}) })),
  };
}

function banner(cloud: LocalCloud, seconds: number, booked: number): string {
  const admin = cloud.users.find((u) => u.groups.includes('admin'))!;
  const couriers = cloud.users.filter((u) => u.groups.includes('courier'));
  return [
    '',
    `Local cloud ready in ${seconds.toFixed(1)} s${booked ? ` (booked ${booked} demo deliveries)` : ''}`,
    '',
    `  GraphQL (AppSync)     ${cloud.endpoints.graphqlUrl}`,
    `  Real-time             ${cloud.endpoints.realtimeUrl}`,
    `  API key               ${cloud.apiKey}`,
    `  Step Functions        ${cloud.endpoints.stepFunctions}`,
    `  DynamoDB Local        ${cloud.endpoints.dynamodb}`,
    `  Cognito (local)       ${cloud.endpoints.cognito}   pool ${cloud.cognito.userPoolId}   client ${cloud.cognito.userPoolClientId}`,
    '',
    `  Admin sign-in         ${admin.username} / ${admin.password}`,
    `  Courier sign-ins      ${couriers.map((c) => c.username).join(', ')} / ${couriers[0].password}`,
    '',
    '  Connection details for tools: .data/local-cloud.json      Stop with Ctrl-C.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const log = (line: string) => {
    if (verbose || !testMode) process.stderr.write(`[local] ${line}\n`);
  };
  const settings = testMode ? testSettings(log) : developmentSettings(verbose ? log : () => {});
  // Ctrl-C while starting: exit at once; child processes are killed by their exit hooks.
  const abortStart = () => process.exit(130);
  process.once('SIGINT', abortStart);
  process.once('SIGTERM', abortStart);
  const cloud = await startLocalCloud(settings);
  let booked = 0;
  try {
    await seedCouriers(cloud);
    if (settings.seedDemoData) booked = await seedDemoBookings(cloud);
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  process.removeListener('SIGINT', abortStart);
  process.removeListener('SIGTERM', abortStart);
  const connection = connectionOf(cloud);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!testMode) process.stdout.write(`\n${signal}: stopping the local cloud…\n`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The test setup ends us by closing our stdin, so no orphan survives a crashed Jest.
  if (testMode) process.stdin.on('end', () => void stop('stdin closed')).resume();

  if (testMode) {
    process.stdout.write(`LOCAL_CLOUD_READY ${JSON.stringify(connection)}\n`);
    return;
  }
  if (settings.dataDir) fs.writeFileSync(path.join(settings.dataDir, 'local-cloud.json'), JSON.stringify(connection, null, 2));
  process.stdout.write(banner(cloud, (performance.now() - startedAt) / 1000, booked));
}

main().catch((error) => {
  process.stderr.write(`The local cloud could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
