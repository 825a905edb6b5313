// Reading synthesized CloudFormation: finding resources by physical name, collecting a role's
// statements, and rendering intrinsic functions (including cross-stack outputs) to strings
// such as "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:x"
// so tests can say which resource a reference points at.
import type { Template } from 'aws-cdk-lib/assertions';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Templates by CloudFormation stack name, so cross-stack outputs can be followed. */
export class StackTemplates {
  private readonly byName = new Map<string, CfnTemplate>();

  add(stackName: string, template: Template): this {
    this.byName.set(stackName, template.toJSON() as CfnTemplate);
    return this;
  }

  get(stackName: string): CfnTemplate {
    const template = this.byName.get(stackName);
    if (!template) throw new Error(`no template for stack ${stackName}`);
    return template;
  }

  /**
   * Renders a CloudFormation value to a string: `${AWS::Region}` for pseudo parameters,
   * `${<stack>/<logicalId>}` for a Ref and `${<stack>/<logicalId>.<attribute>}` for a GetAtt,
   * following Fn::GetStackOutput / Fn::ImportValue into the producing stack.
   */
  render(value: unknown, stackName: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const [[intrinsic, argument]] = Object.entries(value as Record<string, any>);
      switch (intrinsic) {
        case 'Ref':
          return String(argument).startsWith('AWS::') ? `\${${argument}}` : `\${${stackName}/${argument}}`;
        case 'Fn::GetAtt':
          return `\${${stackName}/${argument[0]}.${argument[1]}}`;
        case 'Fn::Join':
          return (argument[1] as unknown[]).map((part) => this.render(part, stackName)).join(argument[0]);
        case 'Fn::GetStackOutput': {
          const producer = this.render(argument.StackName, stackName);
          const output = this.get(producer).Outputs?.[argument.OutputName];
          if (!output) throw new Error(`${producer} has no output ${argument.OutputName}`);
          return this.render(output.Value, producer);
        }
        case 'Fn::Sub':
          if (typeof argument === 'string') return argument;
          break;
      }
    }
    throw new Error(`cannot render ${JSON.stringify(value)}`);
  }
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The one resource of a type whose property (e.g. FunctionName) has a value. */
export function resourceNamed(template: CfnTemplate, type: string, property: string, name: string): [string, CfnResource] {
  const matches = resourcesOfType(template, type).filter(([, resource]) => resource.Properties?.[property] === name);
  if (matches.length !== 1) throw new Error(`expected one ${type} with ${property} ${name}, found ${matches.length}`);
  return matches[0];
}

/** Every statement of every policy attached to a role (by the role's logical id). */
export function roleStatements(template: CfnTemplate, roleLogicalId: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const [, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
    const roles = (policy.Properties?.Roles ?? []) as unknown[];
    if (!roles.some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }))) continue;
    statements.push(...(policy.Properties?.PolicyDocument.Statement as PolicyStatement[]));
  }
  const role = template.Resources[roleLogicalId];
  for (const inline of (role?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: PolicyStatement[] } }[]) {
    statements.push(...inline.PolicyDocument.Statement);
  }
  return statements;
}

export function actionsOf(statement: PolicyStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourcesOf(statement: PolicyStatement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** The logical id a `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }` points at. */
export function referencedLogicalId(value: unknown): string {
  const reference = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = reference.Ref ?? reference['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}
