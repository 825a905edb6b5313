// AppSync's multi-auth rules, read from the schema's directives. For each field AppSync
// allows the auth modes named on the field; if the field names none, those on its type;
// if the type names none either, only the API's default mode. Cognito rules may also
// require membership of a group.
import {
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export type AuthMode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export const AUTH_TYPE_NAMES: Record<AuthMode, 'API Key Authorization' | 'IAM Authorization' | 'User Pool Authorization' | 'Open ID Connect Authorization' | 'Lambda Authorization'> = {
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
};

export interface AuthRule {
  mode: AuthMode;
  /** Cognito only: the caller must belong to one of these groups. */
  groups?: string[];
}

/** Who made a request, as established by authentication. */
export interface Principal {
  mode: AuthMode;
  /** ctx.identity as AppSync builds it for the mode (null for API keys). */
  identity: Record<string, unknown> | null;
  groups: string[];
}

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
};

function rulesFromDirectives(directives: readonly ConstDirectiveNode[] | undefined): AuthRule[] {
  const rules: AuthRule[] = [];
  for (const directive of directives ?? []) {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (!mode) continue;
    const groupsArg = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
    const groups =
      groupsArg && groupsArg.value.kind === 'ListValue'
        ? groupsArg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []))
        : undefined;
    rules.push(groups ? { mode, groups } : { mode });
  }
  return rules;
}

/** Precomputed rules for every field of every object type. */
export class AuthorizationRules {
  private readonly rules = new Map<string, AuthRule[]>();

  constructor(
    schema: GraphQLSchema,
    readonly defaultMode: AuthMode,
    readonly enabledModes: readonly AuthMode[],
  ) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const typeRules = rulesFromDirectives(type.astNode?.directives);
      for (const field of Object.values(type.getFields())) {
        const fieldRules = rulesFromDirectives(field.astNode?.directives);
        const effective = fieldRules.length > 0 ? fieldRules : typeRules.length > 0 ? typeRules : [{ mode: defaultMode }];
        this.rules.set(`${type.name}.${field.name}`, effective);
      }
    }
  }

  rulesFor(type: GraphQLObjectType | string, field: GraphQLField<unknown, unknown> | string): AuthRule[] {
    const key = `${typeof type === 'string' ? type : type.name}.${typeof field === 'string' ? field : field.name}`;
    return this.rules.get(key) ?? [{ mode: this.defaultMode }];
  }

  allows(principal: Principal, typeName: string, fieldName: string): boolean {
    return this.rulesFor(typeName, fieldName).some(
      (rule) => rule.mode === principal.mode && (!rule.groups || rule.groups.some((g) => principal.groups.includes(g))),
    );
  }
}
