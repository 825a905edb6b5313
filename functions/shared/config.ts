// Reads the environment a function was deployed with. Variable names come from the
// artifact manifest (cdk/artifacts), which CDK and the local cloud both use to set them.
import { tableEnvVar, type TableId } from '../../cdk/artifacts/tables';
import { stateMachineEnvVar } from '../../cdk/artifacts/state-machines';
import type { StateMachineId } from '../../cdk/artifacts/functions';
import { DEFAULT_BUSINESS_RULES, type BusinessRules } from '../domain/business-rules';

export class MissingConfiguration extends Error {
  constructor(name: string) {
    super(`Environment variable ${name} is not set; this function was deployed without it.`);
    this.name = 'MissingConfiguration';
  }
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingConfiguration(name);
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function tableName(id: TableId): string {
  return requireEnv(tableEnvVar(id));
}

export function stateMachineArn(id: StateMachineId): string {
  return requireEnv(stateMachineEnvVar(id));
}

let rulesCache: { source: string | undefined; rules: BusinessRules } | undefined;

/** Default rules, overridden by the JSON object in BUSINESS_RULES (top-level keys replace defaults). */
export function businessRules(): BusinessRules {
  const source = process.env.BUSINESS_RULES;
  if (rulesCache && rulesCache.source === source) return rulesCache.rules;
  const overrides = source ? (JSON.parse(source) as Partial<BusinessRules>) : {};
  rulesCache = { source, rules: { ...DEFAULT_BUSINESS_RULES, ...overrides } };
  return rulesCache.rules;
}

/** Base URL of the public pages (tracking links in notifications). */
export function publicBaseUrl(): string {
  return optionalEnv('PUBLIC_BASE_URL') ?? 'http://127.0.0.1:4000';
}
