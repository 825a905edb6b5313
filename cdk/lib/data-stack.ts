// The DynamoDB tables of cdk/artifacts/tables.ts, one TableV2 each, and the bucket for proof-of-
// delivery files. The local cloud creates the same tables (same keys, indexes, TTL and streams)
// in DynamoDB Local and keeps proof files in a directory (functions/adapters/local-file-store.ts).
import { Duration, RemovalPolicy, Stack, Token, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { physicalName } from '../artifacts/naming';
import { TABLES, type KeyDefinition, type TableDefinition, type TableId } from '../artifacts/tables';
import type { StageConfig } from './stage-config';

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

export class DataStack extends Stack {
  readonly tables: Readonly<Record<TableId, dynamodb.TableV2>>;
  /** Set when the stage encrypts its tables with its own key. */
  readonly tableKey?: kms.Key;
  /** Proof-of-delivery photos and signatures under proof/<reference>/…; private, encrypted, expiring. */
  readonly proofBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    if (config.tableEncryption === 'customer-managed') {
      if (Token.isUnresolved(this.region)) {
        throw new Error(`${config.stage}: customer-managed table encryption needs an explicit region (cdk -c account=... -c region=...)`);
      }
      this.tableKey = new kms.Key(this, 'TableKey', {
        alias: `alias/${physicalName(config.stage, 'tables')}`,
        description: `Encrypts the ${config.stage} courier tables (customers' personal data)`,
        enableKeyRotation: true,
        // A deleted key makes every backup and PITR copy of the tables unreadable.
        removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        pendingWindow: Duration.days(30),
      });
    }
    const encryption = this.tableKey ? dynamodb.TableEncryptionV2.customerManagedKey(this.tableKey) : dynamodb.TableEncryptionV2.awsManagedKey();

    const tables = {} as Record<TableId, dynamodb.TableV2>;
    for (const definition of TABLES) {
      tables[definition.id] = new dynamodb.TableV2(this, tableConstructId(definition), {
        tableName: physicalName(config.stage, definition.id),
        partitionKey: attribute(definition.partitionKey),
        sortKey: definition.sortKey && attribute(definition.sortKey),
        globalSecondaryIndexes: definition.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey && attribute(index.sortKey),
          projectionType: dynamodb.ProjectionType.ALL,
        })),
        timeToLiveAttribute: definition.ttlAttribute,
        dynamoStream: definition.stream && dynamodb.StreamViewType[definition.stream],
        // Load follows phone traffic and partner batches, which is spiky and unforecastable.
        billing: dynamodb.Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption,
        deletionProtection: config.protectData,
        removalPolicy,
      });
    }
    this.tables = tables;

    this.proofBucket = new s3.Bucket(this, 'ProofBucket', {
      // Photos of people's doors and signatures are personal data, like the tables: the same key when the stage has one.
      ...(this.tableKey ? { encryption: s3.BucketEncryption.KMS, encryptionKey: this.tableKey, bucketKeyEnabled: true } : { encryption: s3.BucketEncryption.S3_MANAGED }),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // A proof overwritten or deleted by mistake can be recovered for a while.
      versioned: true,
      lifecycleRules: [
        { id: 'ExpireProof', prefix: 'proof/', expiration: Duration.days(config.proofRetentionDays), noncurrentVersionExpiration: Duration.days(30) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
  }
}

/** "trackingEvents" → "TrackingEventsTable": stable logical ids, independent of stage. */
export function tableConstructId(definition: Pick<TableDefinition, 'id'>): string {
  return `${definition.id[0].toUpperCase()}${definition.id.slice(1)}Table`;
}

function attribute(key: KeyDefinition): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
