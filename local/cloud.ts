// The local cloud: DynamoDB Local, local Cognito, the local Step Functions service, the
// in-process Lambda runtime and the local AppSync engine, wired together from the artifact
// manifest exactly as CDK wires the AWS resources. Application code cannot tell the difference:
// it uses the real AWS SDK clients, pointed here through AWS_ENDPOINT_URL_* variables.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AUTH_MODES, DATA_SOURCES, QUERY_DEPTH_LIMIT, type DataSourceDefinition } from '../cdk/artifacts/api';
import { functionEnvironment, type EnvironmentValues } from '../cdk/artifacts/environment';
import { FUNCTIONS } from '../cdk/artifacts/functions';
import { physicalName } from '../cdk/artifacts/naming';
import { TABLES, type TableId } from '../cdk/artifacts/tables';
import { STATE_MACHINES, type Substitution } from '../cdk/artifacts/state-machines';
import { REPOSITORY_ROOT, localResolvers, localSchemaSdl, localStateMachineDefinition } from './artifacts';
import { AuthorizationRules, type AuthMode } from './appsync/authorization';
import { AppSyncEngine, type ResolverBinding } from './appsync/engine';
import { startAppSyncHttpServer, type AppSyncHttpServer } from './appsync/http-server';
import { AppSyncJsRuntime } from './appsync/runtime';
import { buildAppSyncSchema } from './appsync/schema';
import { DynamoDbDataSource } from './appsync/data-sources/dynamodb';
import { LambdaDataSource } from './appsync/data-sources/lambda';
import { NoneDataSource } from './appsync/data-sources/none';
import type { DataSource } from './appsync/data-sources/types';
import { localAuthenticators, LOCAL_IAM_CREDENTIALS } from './auth/local-authenticators';
import { seedUserPool, startLocalCognito, type CognitoSeedResult, type LocalCognito } from './cognito';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb/dynamodb-local';
import { ensureTables } from './dynamodb/tables';
import { LocalLambdaRuntime } from './lambda/local-lambda-runtime';
import { startLocalStepFunctions, type LocalStepFunctions } from './stepfunctions';
import { startControlServer } from './control-server';
import { startLocalFileServer } from './files/local-file-server';
import { startLocalVoice, type LocalVoice } from './voice';
import { businessRules } from '../functions/shared/config';
import type { LexCodeHookResponse } from '../voice/lex-types';
import { DEMO_USERS, type DemoUser } from './seed/demo-users';
import type { LocalCloudSettings } from './settings';

export const LOCAL_STAGE = 'local' as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface LocalCloudEndpoints {
  graphqlUrl: string;
  realtimeUrl: string;
  stepFunctions: string;
  dynamodb: string;
  cognito: string;
  /** Signed, expiring reads of proof-of-delivery files (the local S3 presigned URLs). */
  files: string;
  /** Local-only control endpoints (payment gateway failure rates, time scale). */
  control: string;
  /** Lex V2 runtime API (AWS_ENDPOINT_URL_LEX_RUNTIME_V2). */
  lex: string;
  /** The call API: place a call to the courier line and talk to it (local/connect/call-server.ts). */
  calls: string;
}

export interface LocalCloud {
  endpoints: LocalCloudEndpoints;
  apiKey: string;
  region: string;
  cognito: CognitoSeedResult;
  users: readonly DemoUser[];
  lambda: LocalLambdaRuntime;
  stepFunctions: LocalStepFunctions;
  appsync: AppSyncHttpServer;
  /** The courier bot on the local Lex runtime and the call API running the contact flow. */
  voice: LocalVoice;
  /** ARN of each state machine by manifest id. */
  stateMachineArns: Record<string, string>;
  tableName(id: TableId): string;
  stop(): Promise<void>;
}

function newApiKey(): string {
  // AppSync API keys look like da2-<26 lowercase letters and digits>.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `da2-${[...randomBytes(26)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Keeps the API key stable across restarts when data is kept, so saved configs keep working. */
function apiKeyFor(dataDir: string | null): string {
  if (!dataDir) return newApiKey();
  const file = path.join(dataDir, 'api-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = newApiKey();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key);
  return key;
}

export async function startLocalCloud(settings: LocalCloudSettings): Promise<LocalCloud> {
  const { log, region, accountId, host } = settings;
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch((error) => log(`stop failed: ${(error as Error).message}`));
  };

  try {
    // Dummy credentials: the local engines accept them, and the IAM verifier knows the secret.
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_IAM_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_IAM_CREDENTIALS.secretAccessKey,
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;

    // Without a data directory (tests) cognito-local still needs files: a temporary directory, removed on stop.
    const cognitoDir = settings.dataDir ? path.join(settings.dataDir, 'cognito') : fs.mkdtempSync(path.join(os.tmpdir(), 'courier-cognito-'));
    if (!settings.dataDir) started.push({ stop: async () => fs.rmSync(cognitoDir, { recursive: true, force: true }) });
    const [dynamodb, cognito]: [DynamoDbLocal, LocalCognito] = await Promise.all([
      startDynamoDbLocal({ port: settings.ports.dynamodb || undefined, dbPath: settings.dataDir ? path.join(settings.dataDir, 'dynamodb') : undefined }),
      startLocalCognito({ port: settings.ports.cognito, dataDir: cognitoDir, log }),
    ]);
    started.push(dynamodb, cognito);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;

    const tableName = (id: TableId) => physicalName(LOCAL_STAGE, id);
    const dynamoClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region });
    const [created, cognitoSeed] = await Promise.all([
      ensureTables(dynamoClient, TABLES, (table) => tableName(table.id)),
      seedUserPool(cognito.endpoint, {
        poolName: physicalName(LOCAL_STAGE, 'users'),
        clientName: physicalName(LOCAL_STAGE, 'web'),
        groups: ['admin', 'courier'],
        users: DEMO_USERS.map((u) => ({ username: u.username, email: u.email, password: u.password, groups: u.groups, attributes: u.attributes })),
      }),
    ]);
    if (created.length) log(`created tables: ${created.join(', ')}`);

    const lambda = new LocalLambdaRuntime(FUNCTIONS, { repositoryRoot: REPOSITORY_ROOT, region, accountId, functionName: (id) => physicalName(LOCAL_STAGE, id), log });
    const stepFunctions = await startLocalStepFunctions({
      host,
      port: settings.ports.stepFunctions,
      region,
      accountId,
      invokeLambda: (name, payload) => lambda.invoke(name, payload),
      dynamoDbEndpoint: dynamodb.endpoint,
      timeScale: settings.timeScale,
      log,
    });
    started.push(stepFunctions);
    process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.endpoint;

    const stateMachineArns: Record<string, string> = {};
    const substitutionValue = (substitution: Substitution): string => {
      if ('functionArn' in substitution) return lambda.functionArn(substitution.functionArn);
      if ('tableName' in substitution) return tableName(substitution.tableName);
      return `arn:aws:states:${region}:${accountId}:stateMachine:${physicalName(LOCAL_STAGE, substitution.stateMachineArn)}`;
    };
    const loadedStateMachines: Record<string, { file: string; substitutions: Record<string, string> }> = {};
    for (const machine of STATE_MACHINES) {
      loadedStateMachines[machine.id] = {
        file: machine.file,
        substitutions: Object.fromEntries(Object.entries(machine.substitutions).map(([name, substitution]) => [name, substitutionValue(substitution)])),
      };
      stateMachineArns[machine.id] = stepFunctions.registerStateMachine({
        name: physicalName(LOCAL_STAGE, machine.id),
        definition: localStateMachineDefinition(machine, substitutionValue),
        type: machine.type,
        roleArn: `arn:aws:iam::${accountId}:role/${physicalName(LOCAL_STAGE, `${machine.id}-state-machine`)}`,
      });
    }

    // AppSync: the deployed schema, the deployed resolver bundles, data sources per manifest.
    const schemaSdl = localSchemaSdl();
    const schema = buildAppSyncSchema(schemaSdl);
    const runtime = new AppSyncJsRuntime();
    const dataSources = new Map<string, DataSource>();
    const dataSourceFor = (id: keyof typeof DATA_SOURCES): DataSource => {
      let source = dataSources.get(id);
      if (!source) {
        const definition: DataSourceDefinition = DATA_SOURCES[id];
        source =
          definition.kind === 'NONE'
            ? new NoneDataSource()
            : definition.kind === 'DYNAMODB'
              ? new DynamoDbDataSource(dynamoClient, tableName(definition.table))
              : new LambdaDataSource(physicalName(LOCAL_STAGE, definition.function), (name, payload) => lambda.invoke(name, payload));
        dataSources.set(id, source);
      }
      return source;
    };
    const loadedCode = new Map<string, ReturnType<AppSyncJsRuntime['load']>>();
    const bindingSources = localResolvers();
    const bindings: ResolverBinding[] = bindingSources.map((resolver) => {
      let code = loadedCode.get(resolver.file);
      if (!code) loadedCode.set(resolver.file, (code = runtime.load(resolver.code, resolver.file)));
      return { typeName: resolver.typeName, fieldName: resolver.fieldName, code, dataSource: dataSourceFor(resolver.dataSource) };
    });
    const enabledModes = AUTH_MODES as readonly AuthMode[];
    const engine = new AppSyncEngine({
      schema,
      rules: new AuthorizationRules(schema, enabledModes[0], enabledModes),
      runtime,
      resolvers: bindings,
      queryDepthLimit: QUERY_DEPTH_LIMIT,
      log,
    });
    const apiKey = apiKeyFor(settings.dataDir);
    const appsync = await startAppSyncHttpServer({
      engine,
      authenticators: localAuthenticators({ apiKeys: [apiKey], cognito: cognitoSeed, accountId, region }),
      enabledModes,
      host,
      port: settings.ports.appsync,
      log,
      ...(settings.apiKeyRateLimit ? { apiKeyRateLimit: settings.apiKeyRateLimit } : {}),
    });
    started.push({ stop: () => appsync.close() });

    // Proof-of-delivery files: .data/files for `npm start`, a temporary directory (removed on stop) in tests.
    const filesDir = settings.dataDir ? path.join(settings.dataDir, 'files') : fs.mkdtempSync(path.join(os.tmpdir(), 'courier-files-'));
    if (!settings.dataDir) started.push({ stop: async () => fs.rmSync(filesDir, { recursive: true, force: true }) });
    fs.mkdirSync(filesDir, { recursive: true });
    const filesSecret = randomBytes(32).toString('base64url');
    const fileServer = await startLocalFileServer({ directory: filesDir, signingSecret: filesSecret, host, port: settings.ports.files });
    started.push({ stop: () => fileServer.close() });

    // Handlers read these; set before anything invokes a handler.
    const environment: EnvironmentValues = {
      stage: LOCAL_STAGE,
      tableName,
      stateMachineArn: (id) => stateMachineArns[id],
      appSyncGraphqlUrl: appsync.graphqlUrl,
      // Tracking links point at the customer-facing web app (frontend-courier's public routes).
      publicBaseUrl: process.env.PUBLIC_BASE_URL ?? `http://${host}:8711`,
      geo: { provider: 'local' },
      notifier: { mode: 'outbox' },
      files: { provider: 'local', directory: filesDir, baseUrl: fileServer.url, signingSecret: filesSecret },
    };
    for (const fn of FUNCTIONS) Object.assign(process.env, functionEnvironment(fn, environment));
    process.env.PAYMENT_TEST_OUTAGE_RATE ??= '0';
    process.env.PAYMENT_TEST_DECLINE_RATE ??= '0';

    // Voice: the courier bot on the local Lex runtime, its code hook the voiceCodeHook handler, and the call API.
    const voice = await startLocalVoice({
      host,
      lexPort: settings.ports.lex,
      callsPort: settings.ports.connect,
      region,
      accountId,
      invokeCodeHook: async (event) => (await lambda.invoke('voiceCodeHook', event)) as LexCodeHookResponse,
      timeZone: businessRules().serviceTimeZone,
      log,
    });
    started.push(voice);
    process.env.AWS_ENDPOINT_URL_LEX_RUNTIME_V2 = voice.lex.endpoint;

    const control = await startControlServer(
      {
        setPaymentRates: ({ outageRate, declineRate }) => {
          if (outageRate !== undefined) process.env.PAYMENT_TEST_OUTAGE_RATE = String(outageRate);
          if (declineRate !== undefined) process.env.PAYMENT_TEST_DECLINE_RATE = String(declineRate);
          return { outageRate: Number(process.env.PAYMENT_TEST_OUTAGE_RATE), declineRate: Number(process.env.PAYMENT_TEST_DECLINE_RATE) };
        },
        setTimeScale: (scale) => stepFunctions.setTimeScale(scale),
        status: () => ({ subscriptions: engine.subscriptionCount, realtimeConnections: appsync.realtime.connectionCount }),
        artifacts: () => ({
          schemaSha256: sha256(schemaSdl),
          resolvers: Object.fromEntries(bindingSources.map((b) => [`${b.typeName}.${b.fieldName}`, { file: b.file, codeSha256: sha256(b.code), dataSource: b.dataSource }])),
          stateMachines: loadedStateMachines,
          functions: lambda.loadedEntries(),
          contactFlow: { file: voice.contactFlow.file, contentSha256: sha256(voice.contactFlow.content) },
        }),
      },
      host,
      settings.ports.control,
    );
    started.push({ stop: () => control.close() });

    return {
      endpoints: {
        graphqlUrl: appsync.graphqlUrl,
        realtimeUrl: appsync.realtimeUrl,
        stepFunctions: stepFunctions.endpoint,
        dynamodb: dynamodb.endpoint,
        cognito: cognito.endpoint,
        files: fileServer.url,
        control: control.url,
        lex: voice.lex.endpoint,
        calls: `${voice.calls.url}/calls`,
      },
      apiKey,
      region,
      cognito: cognitoSeed,
      users: DEMO_USERS,
      lambda,
      stepFunctions,
      appsync,
      voice,
      stateMachineArns,
      tableName,
      stop: async () => {
        dynamoClient.destroy();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
