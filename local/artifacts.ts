// What the local cloud runs, read from the same artifact files CDK deploys: the schema file,
// the resolver bundles, the ASL files with their placeholders filled, the handler entries and
// the table definitions. tests/integration/same-artifacts.test.ts compares these with the files.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_SOURCES, RESOLVERS, SCHEMA_FILE, type DataSourceId } from '../cdk/artifacts/api';
import { REPOSITORY_ROOT, bundleResolver } from '../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES, substituteDefinition, type StateMachineArtifact, type Substitution } from '../cdk/artifacts/state-machines';

export { REPOSITORY_ROOT };

export function readRepositoryFile(file: string): string {
  return fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
}

export function localSchemaSdl(): string {
  return readRepositoryFile(SCHEMA_FILE);
}

export interface LocalResolver {
  typeName: string;
  fieldName: string;
  file: string;
  code: string;
  dataSource: DataSourceId;
}

/** Every resolver with its bundled code; files shared by several fields are bundled once. */
export function localResolvers(): LocalResolver[] {
  const bundles = new Map<string, string>();
  return RESOLVERS.map((resolver) => {
    let code = bundles.get(resolver.code);
    if (code === undefined) bundles.set(resolver.code, (code = bundleResolver(resolver.code)));
    return { typeName: resolver.typeName, fieldName: resolver.fieldName, file: resolver.code, code, dataSource: resolver.dataSource };
  });
}

export { DATA_SOURCES };

export function localStateMachineDefinition(artifact: StateMachineArtifact, valueOf: (substitution: Substitution) => string): string {
  const values = Object.fromEntries(Object.entries(artifact.substitutions).map(([name, substitution]) => [name, valueOf(substitution)]));
  return substituteDefinition(readRepositoryFile(artifact.file), values);
}

export { STATE_MACHINES };
