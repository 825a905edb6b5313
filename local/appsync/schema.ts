// Builds an executable schema from the same SDL file AppSync is given. AppSync defines its
// scalars and auth directives itself, so the file must not; we add their definitions here.
import { buildSchema, GraphQLScalarType, isScalarType, type GraphQLSchema } from 'graphql';
import { APPSYNC_SCALARS } from './scalars';

export const APPSYNC_BUILT_INS = /* GraphQL */ `
  scalar AWSDate
  scalar AWSTime
  scalar AWSDateTime
  scalar AWSTimestamp
  scalar AWSEmail
  scalar AWSJSON
  scalar AWSPhone
  scalar AWSURL
  scalar AWSIPAddress
  directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
  directive @aws_api_key on OBJECT | FIELD_DEFINITION
  directive @aws_iam on OBJECT | FIELD_DEFINITION
  directive @aws_oidc on OBJECT | FIELD_DEFINITION
  directive @aws_lambda on OBJECT | FIELD_DEFINITION
  directive @aws_cognito_user_pools(cognito_groups: [String!]) on OBJECT | FIELD_DEFINITION
  directive @aws_auth(cognito_groups: [String!]) on FIELD_DEFINITION
`;

export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const schema = buildSchema(`${APPSYNC_BUILT_INS}\n${sdl}`);
  const typeMap = schema.getTypeMap();
  for (const [name, implementation] of Object.entries(APPSYNC_SCALARS)) {
    const type = typeMap[name];
    if (!type || !isScalarType(type)) continue;
    // Attach AppSync's parsing/serialisation to the schema's own scalar objects, so every
    // field and argument referring to them is checked.
    const target = type as GraphQLScalarType;
    target.serialize = implementation.serialize;
    target.parseValue = implementation.parseValue;
    target.parseLiteral = implementation.parseLiteral;
    target.description = implementation.description;
  }
  return schema;
}
