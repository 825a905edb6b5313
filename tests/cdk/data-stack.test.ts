// The tables CDK deploys, per stage, against cdk/artifacts/tables.ts and the stage config.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { physicalName } from '../../cdk/artifacts/naming';
import { TABLES } from '../../cdk/artifacts/tables';
import { DataStack } from '../../cdk/lib/data-stack';
import { DEPLOYED_STAGES } from '../../cdk/artifacts/naming';
import { stageConfig } from '../../cdk/lib/stage-config';
import { cdkJsonContext, synthesizeCourierApp, type SynthesizedApp } from './support/courier-app';
import { resourceNamed, resourcesOfType, type CfnTemplate } from './support/template-queries';

let synthesized: SynthesizedApp;
const templates = new Map<string, CfnTemplate>();

beforeAll(() => {
  synthesized = synthesizeCourierApp({ stages: DEPLOYED_STAGES });
  for (const stage of DEPLOYED_STAGES) templates.set(stage, synthesized.template(synthesized.stage(stage).data).toJSON() as CfnTemplate);
});

afterAll(() => synthesized?.dispose());

const TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';

describe.each(DEPLOYED_STAGES)('%s tables', (stage) => {
  const table = (id: string) => resourceNamed(templates.get(stage)!, TABLE_TYPE, 'TableName', physicalName(stage, id))[1];

  test('one table per manifest entry and nothing else', () => {
    const names = resourcesOfType(templates.get(stage)!, TABLE_TYPE).map(([, resource]) => resource.Properties!.TableName);
    expect(names.sort()).toEqual(TABLES.map((definition) => physicalName(stage, definition.id)).sort());
  });

  test.each(TABLES.map((definition) => [definition.id, definition] as const))('%s: on demand, point-in-time recovery, KMS encryption', (id) => {
    const properties = table(id).Properties!;
    expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    expect(properties.Replicas).toHaveLength(1);
    expect(properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  test.each(TABLES.map((definition) => [definition.id, definition] as const))('%s: keys, indexes, TTL and stream as the manifest says', (id, definition) => {
    const properties = table(id).Properties!;
    expect(properties.KeySchema).toEqual([
      { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
      ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
    ]);
    expect((properties.GlobalSecondaryIndexes ?? []).map((index: { IndexName: string }) => index.IndexName)).toEqual(definition.indexes.map((index) => index.name));
    if (definition.ttlAttribute) expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: definition.ttlAttribute, Enabled: true });
    else expect(properties.TimeToLiveSpecification).toBeUndefined();
    if (definition.stream) expect(properties.StreamSpecification).toEqual({ StreamViewType: definition.stream });
    else expect(properties.StreamSpecification).toBeUndefined();
  });

  test.each(TABLES.filter((definition) => definition.indexes.length).map((definition) => [definition.id, definition] as const))('%s: index keys and projections as the manifest says', (id, definition) => {
    const indexes = table(id).Properties!.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[];
    for (const index of definition.indexes) {
      expect(indexes.find((deployed) => deployed.IndexName === index.name)).toMatchObject({
        KeySchema: [{ AttributeName: index.partitionKey.name, KeyType: 'HASH' }, ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : [])],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  test('deletion protection and RETAIN exactly where the stage protects its data', () => {
    const protect = stageConfig(stage).protectData;
    for (const definition of TABLES) {
      const resource = table(definition.id);
      expect(resource.Properties!.Replicas[0].DeletionProtectionEnabled).toBe(protect);
      expect(resource.DeletionPolicy).toBe(protect ? 'Retain' : 'Delete');
      expect(resource.UpdateReplacePolicy).toBe(protect ? 'Retain' : 'Delete');
    }
  });

  test('tables carry the cost allocation tags', () => {
    for (const definition of TABLES) {
      expect(table(definition.id).Properties!.Replicas[0].Tags).toEqual(
        expect.arrayContaining([
          { Key: 'app', Value: 'courier' },
          { Key: 'stage', Value: stage },
        ]),
      );
    }
  });
});

test('prod protects its data and dev does not', () => {
  // Guards the stage config itself: the per-stage assertions above follow whatever it says.
  expect(stageConfig('prod').protectData).toBe(true);
  expect(stageConfig('dev').protectData).toBe(false);
});

describe('customer-managed table encryption', () => {
  const customerManaged = { ...stageConfig('prod'), tableEncryption: 'customer-managed' as const };

  test('encrypts every table with one rotating key of the stage', () => {
    const app = new App({ context: cdkJsonContext() });
    const stack = new DataStack(app, 'Data', { config: customerManaged, env: { account: '111111111111', region: 'eu-west-2' } });
    const template = Template.fromStack(stack).toJSON() as CfnTemplate;
    const keys = resourcesOfType(template, 'AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0];
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    for (const definition of TABLES) {
      const [, table] = resourceNamed(template, TABLE_TYPE, 'TableName', physicalName('prod', definition.id));
      expect(table.Properties!.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties!.Replicas[0].SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    }
  });

  test('refuses an environment-agnostic stack, which TableV2 cannot give a key', () => {
    const app = new App({ context: cdkJsonContext() });
    expect(() => new DataStack(app, 'Data', { config: customerManaged })).toThrow(/explicit region/);
  });
});

describe.each(DEPLOYED_STAGES)('%s proof bucket', (stage) => {
  const bucket = () => {
    const buckets = resourcesOfType(templates.get(stage)!, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(1);
    return buckets[0];
  };

  test('private, encrypted, owner-enforced and versioned', () => {
    const properties = bucket()[1].Properties!;
    expect(properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('refuses plain HTTP', () => {
    const [bucketId] = bucket();
    const policies = resourcesOfType(templates.get(stage)!, 'AWS::S3::BucketPolicy').filter(([, policy]) => policy.Properties!.Bucket.Ref === bucketId);
    expect(policies).toHaveLength(1);
    expect(policies[0][1].Properties!.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  test('proof expires after the stage’s retention; unfinished uploads are cleaned up', () => {
    const rules = bucket()[1].Properties!.LifecycleConfiguration.Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Id: 'ExpireProof', Prefix: 'proof/', ExpirationInDays: stageConfig(stage).proofRetentionDays, Status: 'Enabled' }),
        expect.objectContaining({ Id: 'AbortIncompleteUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
      ]),
    );
  });

  test('kept exactly where the stage protects its data', () => {
    const [, resource] = bucket();
    expect(resource.DeletionPolicy).toBe(stageConfig(stage).protectData ? 'Retain' : 'Delete');
  });
});
