// Which DynamoDB access a resolver bundle needs. The manifest names a data source's table but
// not whether its resolvers write, so AppSync's role for a table is scoped by reading the
// resolver code that uses it. Anything not provably read-only is treated as a writer.

/** Helpers of @aws-appsync/utils/dynamodb that only read. */
const READ_HELPERS: ReadonlySet<string> = new Set(['get', 'query', 'scan', 'sync']);

/** Request operations (APPSYNC_JS DynamoDB request objects) that only read. */
const READ_OPERATIONS: ReadonlySet<string> = new Set(['GetItem', 'Query', 'Scan', 'Sync', 'BatchGetItem', 'TransactGetItems']);

const DYNAMODB_MODULE = '@aws-appsync/utils/dynamodb';

export type DynamoDbAccess = 'read' | 'readWrite';

export function dynamoDbAccessOf(bundle: string): DynamoDbAccess {
  const imports = [...bundle.matchAll(/import\s*([^;]*?)\s*from\s*["']([^"']+)["']/g)];
  for (const [, clause, module] of imports) {
    if (module !== DYNAMODB_MODULE) continue;
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    // A namespace or default import can reach any helper.
    if (!named) return 'readWrite';
    for (const specifier of named[1].split(',')) {
      const imported = specifier.trim().split(/\s+as\s+/)[0];
      if (imported && !READ_HELPERS.has(imported)) return 'readWrite';
    }
  }
  const operationKeys = bundle.match(/\boperation\s*:/g)?.length ?? 0;
  const literalOperations = [...bundle.matchAll(/\boperation\s*:\s*["'`](\w+)["'`]/g)].map((match) => match[1]);
  // An operation computed at run time could be anything.
  if (literalOperations.length !== operationKeys) return 'readWrite';
  return literalOperations.every((operation) => READ_OPERATIONS.has(operation)) ? 'read' : 'readWrite';
}

export function combinedAccess(accesses: Iterable<DynamoDbAccess>): DynamoDbAccess {
  for (const access of accesses) if (access === 'readWrite') return 'readWrite';
  return 'read';
}
