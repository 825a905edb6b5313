// `npm start`: the whole local cloud with demo data, until Ctrl-C.
// `--test` (used by the test setup): free ports, in memory, no banner; prints one line
// "LOCAL_CLOUD_READY <json>" with everything a test needs to connect.
// Lambda and AppSync run in UTC; so does everything in this process.
process.env.TZ = 'UTC';
import fs from 'node:fs';
import path from 'node:path';
import { TABLES } from '../cdk/artifacts/tables';
import { startLocalCloud, type LocalCloud, type LocalCloudEndpoints } from './cloud';
import { seedCouriers, seedDemoBookings } from './seed/seed';
import { developmentSettings, testSettings } from './settings';
import { ADMIN_APP_DIR, COURIER_APP_DIR, ensureAppBuilt, localWebAppConfig, serveApp, type AppBuild, type ServedApp } from './web';

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
    tables: Object.fromEntries(TABLES.map((table) => [table.id, cloud.tableName(table.id)])),
    users: cloud.users.map((u) => ({ username: u.username, password: u.password, groups: u.groups, ...(u.courierId ? { courierId: u.courierId } : {}) })),
  };
}

/** The admin app (frontend-admin/dist, built when stale) with a config.json for this cloud; an Error says why not. */
async function startAdminApp(cloud: LocalCloud, build: Promise<AppBuild>, host: string): Promise<ServedApp | Error> {
  try {
    const { dist } = await build;
    const port = Number(process.env.LOCAL_ADMIN_PORT || 8710);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LOCAL_ADMIN_PORT must be a port number, not "${process.env.LOCAL_ADMIN_PORT}"`);
    const courierApp = process.env.PUBLIC_BASE_URL ?? `http://${host}:8711`;
    return await serveApp({ dir: dist, port, host, name: 'The admin app', config: () => localWebAppConfig(connectionOf(cloud), { adminApp: `http://${host}:${port}`, courierApp }) });
  } catch (error) {
    return error as Error;
  }
}

/**
 * The courier app (frontend-courier/dist, built when stale) on LOCAL_COURIER_PORT: couriers' pages and
 * the customer-link pages the notifications point at (PUBLIC_BASE_URL defaults to this port).
 */
async function startCourierApp(cloud: LocalCloud, build: Promise<AppBuild>, host: string): Promise<ServedApp | Error> {
  try {
    const { dist } = await build;
    const port = Number(process.env.LOCAL_COURIER_PORT || 8711);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LOCAL_COURIER_PORT must be a port number, not "${process.env.LOCAL_COURIER_PORT}"`);
    const adminApp = `http://${host}:${Number(process.env.LOCAL_ADMIN_PORT || 8710)}`;
    return await serveApp({
      dir: dist,
      port,
      host,
      name: 'The courier app',
      config: () => localWebAppConfig(connectionOf(cloud), { adminApp, courierApp: `http://${host}:${port}` }, { apiKey: cloud.apiKey }),
    });
  } catch (error) {
    return error as Error;
  }
}

function banner(cloud: LocalCloud, seconds: number, booked: number, adminApp: ServedApp | Error, courierApp: ServedApp | Error = new Error('not started')): string {
  const admin = cloud.users.find((u) => u.groups.includes('admin'))!;
  const couriers = cloud.users.filter((u) => u.groups.includes('courier'));
  return [
    '',
    `Local cloud ready in ${seconds.toFixed(1)} s${booked ? ` (booked ${booked} demo deliveries)` : ''}`,
    '',
    adminApp instanceof Error ? `  Admin app             not available: ${adminApp.message.split('\n')[0]}` : `  Admin app             ${adminApp.url}`,
    courierApp instanceof Error ? `  Courier app           not available: ${courierApp.message.split('\n')[0]}` : `  Courier app           ${courierApp.url}   (customer links too)`,
    `  GraphQL (AppSync)     ${cloud.endpoints.graphqlUrl}`,
    `  Real-time             ${cloud.endpoints.realtimeUrl}`,
    `  API key               ${cloud.apiKey}`,
    `  Step Functions        ${cloud.endpoints.stepFunctions}`,
    `  DynamoDB Local        ${cloud.endpoints.dynamodb}`,
    `  Cognito (local)       ${cloud.endpoints.cognito}   pool ${cloud.cognito.userPoolId}   client ${cloud.cognito.userPoolClientId}`,
    `  Proof files           ${cloud.endpoints.files}`,
    `  Lex V2 runtime        ${cloud.endpoints.lex}   bot ${cloud.voice.botAliasArn.split(':').pop()}`,
    `  Call the bot          ${cloud.endpoints.calls}   (npm run call; audio ${cloud.voice.speech.available ? 'by espeak-ng' : 'off: apt-get install -y espeak-ng'})`,
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
  // Built while the engines start (a no-op when frontend-admin/dist is newer than its sources).
  const adminBuild = testMode ? null : ensureAppBuilt(ADMIN_APP_DIR);
  adminBuild?.catch(() => undefined);
  const courierBuild = testMode ? null : ensureAppBuilt(COURIER_APP_DIR);
  courierBuild?.catch(() => undefined);
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
  const admin = adminBuild ? await startAdminApp(cloud, adminBuild, settings.host) : null;
  const courier = courierBuild ? await startCourierApp(cloud, courierBuild, settings.host) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!testMode) process.stdout.write(`\n${signal}: stopping the local cloud…\n`);
    if (admin && !(admin instanceof Error)) await admin.close();
    if (courier && !(courier instanceof Error)) await courier.close();
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
  process.stdout.write(banner(cloud, (performance.now() - startedAt) / 1000, booked, admin ?? new Error('not started'), courier ?? new Error('not started')));
}

main().catch((error) => {
  process.stderr.write(`The local cloud could not start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
