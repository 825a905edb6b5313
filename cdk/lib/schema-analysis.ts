// Facts CDK derives from the GraphQL schema file instead of repeating them by hand.
import { Kind, parse, visit, type DocumentNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';

/**
 * The mutations subscriptions listen to (`@aws_subscribe(mutations: [...])`). Backend code
 * calls exactly these to fan changes out, so they are all a publishing function may call.
 */
export function publishMutationFields(schemaSdl: string): string[] {
  const document = parse(schemaSdl);
  const subscriptionType = rootTypeName(document, 'subscription', 'Subscription');
  const mutations = new Set<string>();
  for (const definition of document.definitions) {
    if (!isObjectType(definition) || definition.name.value !== subscriptionType) continue;
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (directive.name.value !== 'aws_subscribe') continue;
        for (const argument of directive.arguments ?? []) {
          if (argument.name.value !== 'mutations') continue;
          const values = argument.value.kind === Kind.LIST ? argument.value.values : [argument.value];
          for (const value of values) if (value.kind === Kind.STRING) mutations.add(value.value);
        }
      }
    }
  }
  return [...mutations].sort();
}

/** Every group named in an `@aws_cognito_user_pools(cognito_groups: [...])` directive. */
export function cognitoGroupsInSchema(schemaSdl: string): string[] {
  const groups = new Set<string>();
  visit(parse(schemaSdl), {
    Directive(directive) {
      if (directive.name.value !== 'aws_cognito_user_pools') return;
      for (const argument of directive.arguments ?? []) {
        if (argument.name.value !== 'cognito_groups') continue;
        const values = argument.value.kind === Kind.LIST ? argument.value.values : [argument.value];
        for (const value of values) if (value.kind === Kind.STRING) groups.add(value.value);
      }
    },
  });
  return [...groups].sort();
}

function isObjectType(definition: DocumentNode['definitions'][number]): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode {
  return definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
}

/** The type named for an operation in `schema { ... }`, else GraphQL's default name. */
function rootTypeName(document: DocumentNode, operation: 'query' | 'mutation' | 'subscription', fallback: string): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    const root = definition.operationTypes?.find((type) => type.operation === operation);
    if (root) return root.type.name.value;
  }
  return fallback;
}

/** The root type mutations live on, as the schema names it. */
export function mutationTypeName(schemaSdl: string): string {
  return rootTypeName(parse(schemaSdl), 'mutation', 'Mutation');
}

/** Where changes are published: the mutation type and the fields subscriptions listen to. */
export interface PublishMutations {
  typeName: string;
  fields: readonly string[];
}

export function publishMutations(schemaSdl: string): PublishMutations {
  return { typeName: mutationTypeName(schemaSdl), fields: publishMutationFields(schemaSdl) };
}
