// Settings of the local cloud. Every port and option can be overridden by an environment
// variable (documented in the README); port 0 asks the OS for a free port (tests do this).
import path from 'node:path';
import { API_KEY_RATE_LIMIT } from '../cdk/artifacts/api';
import { REPOSITORY_ROOT } from '../cdk/artifacts/resolver-bundles';
import type { RateLimit } from './appsync/rate-limiter';

/** LOCAL_API_KEY_RATE_LIMIT overrides the limit (requests per window); 0 turns the rule off. */
function apiKeyRateLimit(): RateLimit | null {
  const value = process.env.LOCAL_API_KEY_RATE_LIMIT;
  if (value === undefined || value === '') return { ...API_KEY_RATE_LIMIT };
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`LOCAL_API_KEY_RATE_LIMIT must be a whole number, not "${value}"`);
  return limit === 0 ? null : { limit, windowSeconds: API_KEY_RATE_LIMIT.windowSeconds };
}

export interface LocalCloudSettings {
  host: string;
  ports: { appsync: number; stepFunctions: number; dynamodb: number; cognito: number; files: number; control: number; lex: number; connect: number };
  /** Directory for DynamoDB data, Cognito data and generated config; null keeps everything in memory. */
  dataDir: string | null;
  /** 1 = real time; smaller values shorten Step Functions waits and retries. */
  timeScale: number;
  region: string;
  accountId: string;
  seedDemoData: boolean;
  /** API-key requests per client address and window (AWS: a WAF rate-based rule); null counts nothing. */
  apiKeyRateLimit: RateLimit | null;
  log: (line: string) => void;
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, not "${value}"`);
  return parsed;
}

/** `npm start`: fixed ports, data kept in .data/, demo data seeded, real time. */
export function developmentSettings(log: (line: string) => void = () => {}): LocalCloudSettings {
  return {
    host: process.env.LOCAL_HOST ?? '127.0.0.1',
    ports: {
      appsync: port('LOCAL_APPSYNC_PORT', 8700),
      stepFunctions: port('LOCAL_SFN_PORT', 8701),
      dynamodb: port('LOCAL_DYNAMODB_PORT', 8702),
      cognito: port('LOCAL_COGNITO_PORT', 8703),
      files: port('LOCAL_FILES_PORT', 8704),
      control: port('LOCAL_CONTROL_PORT', 8709),
      lex: port('LOCAL_LEX_PORT', 8705),
      connect: port('LOCAL_CONNECT_PORT', 8706),
    },
    dataDir: process.env.LOCAL_DATA_DIR ?? path.join(REPOSITORY_ROOT, '.data'),
    timeScale: Number(process.env.LOCAL_TIME_SCALE ?? '1'),
    region: process.env.LOCAL_REGION ?? 'us-east-1',
    accountId: '000000000000',
    seedDemoData: process.env.LOCAL_SEED_DEMO_DATA !== 'false',
    apiKeyRateLimit: apiKeyRateLimit(),
    log,
  };
}

/** Tests: free ports, everything in memory, waits 1000× shorter, no demo data unless asked. */
export function testSettings(log: (line: string) => void = () => {}): LocalCloudSettings {
  return {
    host: '127.0.0.1',
    ports: { appsync: 0, stepFunctions: 0, dynamodb: 0, cognito: 0, files: 0, control: 0, lex: 0, connect: 0 },
    dataDir: null,
    timeScale: 0.001,
    region: 'us-east-1',
    accountId: '000000000000',
    seedDemoData: false,
    // Every test talks from 127.0.0.1, thousands of requests a run; the rule has tests of its own.
    apiKeyRateLimit: null,
    log,
  };
}
