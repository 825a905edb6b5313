// The environment variables a function gets, derived from what it `uses`. CDK sets them per
// function from deployed resources; the local cloud sets the same names to local values.
// Handlers read them through functions/shared/config.ts.
import type { FunctionDefinition } from './functions';
import { stateMachineEnvVar } from './state-machines';
import { tableEnvVar, type TableId } from './tables';
import type { Stage } from './naming';

/** Where each kind of value comes from in a given cloud. */
export interface EnvironmentValues {
  stage: Stage;
  tableName(id: TableId): string;
  stateMachineArn(id: string): string;
  appSyncGraphqlUrl?: string;
  publicBaseUrl: string;
  geo: { provider: 'local' } | { provider: 'amazon-location'; placeIndex: string; routeCalculator: string };
  notifier: { mode: 'outbox' } | { mode: 'ses-sns'; senderEmail: string };
  /** Where proof-of-delivery files go. */
  files: { provider: 's3'; bucketName: string } | { provider: 'local'; directory: string; baseUrl: string; signingSecret: string };
  /** Overrides of functions/domain/business-rules.ts defaults, as JSON. */
  businessRules?: string;
}

export function functionEnvironment(fn: FunctionDefinition, values: EnvironmentValues): Record<string, string> {
  const env: Record<string, string> = {
    STAGE: values.stage,
    POWERTOOLS_SERVICE_NAME: 'courier',
    POWERTOOLS_LOG_LEVEL: values.stage === 'prod' ? 'INFO' : 'DEBUG',
    PUBLIC_BASE_URL: values.publicBaseUrl,
  };
  if (values.businessRules) env.BUSINESS_RULES = values.businessRules;
  for (const table of Object.keys(fn.uses.tables ?? {}) as TableId[]) env[tableEnvVar(table)] = values.tableName(table);
  for (const machine of fn.uses.stateMachines ?? []) env[stateMachineEnvVar(machine)] = values.stateMachineArn(machine);
  if (fn.uses.appSyncMutations) {
    if (!values.appSyncGraphqlUrl) throw new Error(`${fn.id} publishes to AppSync but no GraphQL URL is known`);
    env.APPSYNC_GRAPHQL_URL = values.appSyncGraphqlUrl;
  }
  if (fn.uses.geo) {
    env.GEO_PROVIDER = values.geo.provider;
    if (values.geo.provider === 'amazon-location') {
      env.GEO_PLACE_INDEX = values.geo.placeIndex;
      env.GEO_ROUTE_CALCULATOR = values.geo.routeCalculator;
    }
  }
  if (fn.uses.notifications) {
    env.NOTIFIER = values.notifier.mode;
    if (values.notifier.mode === 'ses-sns') env.SENDER_EMAIL = values.notifier.senderEmail;
  }
  if (fn.uses.payments) env.PAYMENT_GATEWAY = 'test';
  if (fn.uses.files) {
    env.FILE_STORE = values.files.provider;
    if (values.files.provider === 's3') env.PROOF_BUCKET = values.files.bucketName;
    else Object.assign(env, { LOCAL_FILES_DIR: values.files.directory, LOCAL_FILES_URL: values.files.baseUrl, LOCAL_FILES_SECRET: values.files.signingSecret });
  }
  return env;
}
