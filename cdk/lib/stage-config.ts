// Everything that differs between the deployed stages, in one typed place. Stacks read
// only this and the artifact manifest (cdk/artifacts); nothing else varies per stage.
import { DEPLOYED_STAGES } from '../artifacts/naming';
import type { BusinessRules } from '../../functions/domain/business-rules';

export type DeployedStage = (typeof DEPLOYED_STAGES)[number];

export interface StageConfig {
  stage: DeployedStage;
  /** Base URL of the customer-facing pages; tracking links in notifications start with it. */
  publicBaseUrl: string;
  /** How customers are notified: 'outbox' only records messages (nothing leaves AWS), 'ses-sns' sends them. */
  notifier: { mode: 'outbox' } | { mode: 'ses-sns'; senderEmail: string };
  /** Top-level overrides of functions/domain/business-rules.ts, passed to every function as BUSINESS_RULES. */
  businessRules?: Partial<BusinessRules>;
  /** Subscribed to the alarm topic; without it the topic exists but nobody is emailed. */
  alarmEmail?: string;
  /**
   * Stateful resources (tables, user pool, encryption key) survive `cdk destroy` and refuse
   * deletion. Stages holding real customers' data need this; throwaway stages must not have it,
   * or every teardown leaves orphans behind.
   */
  protectData: boolean;
  /**
   * Table encryption at rest; both options are KMS. 'aws-managed' (the aws/dynamodb key) is our
   * choice for every stage: encryption at rest with no key to administer or pay for, and access
   * already confined by the least-privilege IAM grants the manifest derives. 'customer-managed'
   * adds a per-stage key whose use can be revoked and audited separately from IAM, for a stage
   * whose compliance regime asks for it; TableV2 then needs the stage deployed with an explicit
   * account and region (its replica encryption settings are per region).
   */
  tableEncryption: 'aws-managed' | 'customer-managed';
  /** Days to keep Lambda, Step Functions and AppSync logs. */
  logRetentionDays: LogRetentionDays;
  /** AppSync field logs: 'ALL' logs every resolver's request and response (PII), 'ERROR' only failures. */
  appSyncFieldLogLevel: 'ALL' | 'ERROR';
  /** Whether Step Functions logs carry execution input and output (customers' personal data). */
  logExecutionData: boolean;
  /** Amazon Location data provider for geocoding and routing. */
  geoDataSource: 'Esri' | 'Here';
  /** Cognito threat protection (the former "advanced security") is a paid feature plan; off unless a stage opts in. */
  cognitoThreatProtection: boolean;
  /**
   * Days proof-of-delivery photos and signatures are kept: long enough to settle a "never arrived"
   * dispute, not forever (they show people and their homes).
   */
  proofRetentionDays: number;
  /** Days an API key (customer tracking links) stays valid; AppSync allows at most 365. */
  apiKeyValidityDays: number;
  /**
   * Failed executions of a state machine per 15 minutes that raise an alarm. Business refusals (window
   * full, payment declined) also end in a failed execution, so this is a volume threshold;
   * system faults are caught by the per-function Lambda error alarms.
   */
  failedExecutionsAlarmThreshold: number;
}

/** CloudWatch Logs accepts only these retention periods. */
export type LogRetentionDays = 1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 120 | 150 | 180 | 365 | 400 | 545 | 731 | 1096 | 1827 | 2192 | 2557 | 2922 | 3288 | 3653;

/** The company's domain; replace with the real one before the first deployment. */
const DOMAIN = 'courier.example.com';

export const STAGE_CONFIGS: Readonly<Record<DeployedStage, StageConfig>> = {
  dev: {
    stage: 'dev',
    publicBaseUrl: `https://dev.${DOMAIN}`,
    // Dev bookings are made by the team with made-up phone numbers; sending would text strangers.
    notifier: { mode: 'outbox' },
    // Lets the team book a window that starts soon when trying things out.
    businessRules: { minimumLeadMinutes: 5 },
    protectData: false,
    tableEncryption: 'aws-managed',
    logRetentionDays: 14,
    appSyncFieldLogLevel: 'ALL',
    logExecutionData: true,
    geoDataSource: 'Esri',
    cognitoThreatProtection: false,
    proofRetentionDays: 30,
    apiKeyValidityDays: 365,
    failedExecutionsAlarmThreshold: 20,
  },
  staging: {
    stage: 'staging',
    publicBaseUrl: `https://staging.${DOMAIN}`,
    notifier: { mode: 'ses-sns', senderEmail: `no-reply@staging.${DOMAIN}` },
    alarmEmail: `ops+staging@${DOMAIN}`,
    // Staging is rebuilt from seed data, so it can be torn down like dev.
    protectData: false,
    tableEncryption: 'aws-managed',
    logRetentionDays: 30,
    appSyncFieldLogLevel: 'ERROR',
    logExecutionData: true,
    geoDataSource: 'Esri',
    cognitoThreatProtection: false,
    proofRetentionDays: 30,
    apiKeyValidityDays: 365,
    failedExecutionsAlarmThreshold: 10,
  },
  prod: {
    stage: 'prod',
    publicBaseUrl: `https://track.${DOMAIN}`,
    notifier: { mode: 'ses-sns', senderEmail: `no-reply@${DOMAIN}` },
    alarmEmail: `ops@${DOMAIN}`,
    protectData: true,
    tableEncryption: 'aws-managed',
    logRetentionDays: 90,
    appSyncFieldLogLevel: 'ERROR',
    logExecutionData: false,
    geoDataSource: 'Esri',
    cognitoThreatProtection: false,
    proofRetentionDays: 400,
    apiKeyValidityDays: 365,
    failedExecutionsAlarmThreshold: 10,
  },
};

export function stageConfig(stage: DeployedStage): StageConfig {
  return STAGE_CONFIGS[stage];
}
