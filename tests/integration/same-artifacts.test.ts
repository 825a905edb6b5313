// The local cloud's half of "one artifact set, two clouds" (CDK's half is tests/cdk/same-artifacts.test.ts):
// for each artifact kind, what the running local cloud loaded is the repository file CDK deploys.
// Read through the real service APIs where one exists (DescribeStateMachine, DescribeTable) and
// through the control endpoint's /artifacts report otherwise.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { RESOLVERS, SCHEMA_FILE } from '../../cdk/artifacts/api';
import { FUNCTIONS } from '../../cdk/artifacts/functions';
import { REPOSITORY_ROOT, bundleResolver } from '../../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES } from '../../cdk/artifacts/state-machines';
import { TABLES } from '../../cdk/artifacts/tables';
import { localCloud, stepFunctions } from '../support/local-cloud';

interface LoadedArtifacts {
  schemaSha256: string;
  resolvers: Record<string, { file: string; codeSha256: string; dataSource: string }>;
  stateMachines: Record<string, { file: string; substitutions: Record<string, string> }>;
  functions: Record<string, string>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const repositoryFile = (file: string) => fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
let loaded: LoadedArtifacts;

beforeAll(async () => {
  loaded = (await (await fetch(`${localCloud().control}/artifacts`)).json()) as LoadedArtifacts;
});

test('schema: the engine serves graphql/schema.graphql unchanged', () => {
  expect(loaded.schemaSha256).toBe(sha256(repositoryFile(SCHEMA_FILE)));
});

test('resolvers: every field runs bundleResolver(file) of its manifest entry, with its data source', () => {
  expect(Object.keys(loaded.resolvers).sort()).toEqual(RESOLVERS.map((r) => `${r.typeName}.${r.fieldName}`).sort());
  for (const resolver of RESOLVERS) {
    const running = loaded.resolvers[`${resolver.typeName}.${resolver.fieldName}`];
    expect(running).toEqual({ file: resolver.code, codeSha256: sha256(bundleResolver(resolver.code)), dataSource: resolver.dataSource });
  }
});

test('state machines: the registered definition is the ASL file with only its placeholders filled', async () => {
  const sfn = stepFunctions();
  try {
    for (const artifact of STATE_MACHINES) {
      const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: localCloud().stateMachineArns[artifact.id] }));
      const { substitutions } = loaded.stateMachines[artifact.id];
      expect(Object.keys(substitutions).sort()).toEqual(Object.keys(artifact.substitutions).sort());
      // Put the placeholders back: what remains must be the file, byte for byte.
      let restored = described.definition!;
      for (const [name, value] of Object.entries(substitutions)) restored = restored.split(value).join(`\${${name}}`);
      expect(restored).toBe(repositoryFile(artifact.file));
      expect(described.type).toBe(artifact.type);
    }
  } finally {
    sfn.destroy();
  }
});

test('handlers: each function runs the entry file its manifest names (the file CDK bundles)', () => {
  expect(Object.keys(loaded.functions).sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
  for (const fn of FUNCTIONS) expect(loaded.functions[fn.id]).toBe(path.join(REPOSITORY_ROOT, fn.entry));
});

test('tables: DynamoDB Local holds every table with the keys and indexes CDK declares', async () => {
  const cloud = localCloud();
  const client = new DynamoDBClient({ endpoint: cloud.dynamodb, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const table of TABLES) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: cloud.tables[table.id] }));
      const keys = Object.fromEntries((Table!.KeySchema ?? []).map((k) => [k.KeyType, k.AttributeName]));
      expect(keys.HASH).toBe(table.partitionKey.name);
      expect(keys.RANGE).toBe(table.sortKey?.name);
      const indexes = (Table!.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort();
      expect(indexes).toEqual(table.indexes.map((index) => index.name).sort());
    }
  } finally {
    client.destroy();
  }
});
