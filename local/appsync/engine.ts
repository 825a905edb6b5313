// The local AppSync engine: executes GraphQL operations against the deployed schema with
// AppSync's auth rules, APPSYNC_JS resolvers and data sources, and fans mutation results
// out to subscriptions (@aws_subscribe) the way AppSync does.
import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AppSyncError, AppSyncJsRuntime, ResolverCode, ResolverRequestScope } from './runtime';
import { AUTH_TYPE_NAMES, type AuthorizationRules, type Principal } from './authorization';
import type { DataSource } from './data-sources/types';
import { filterMatches, type SubscriptionFilter } from './subscription-filters';

export interface ResolverBinding {
  typeName: string;
  fieldName: string;
  code: ResolverCode;
  dataSource: DataSource;
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** An error in AppSync's response format. */
export interface AppSyncResponseError {
  path: (string | number)[] | null;
  data: unknown;
  errorType?: string;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[];
  message: string;
}

export interface AppSyncResponse {
  data?: Record<string, unknown> | null;
  errors?: AppSyncResponseError[];
}

/** Thrown inside resolution to produce a field error with AppSync's errorType/errorInfo. */
export class AppSyncFieldError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }
}

/** A whole request refused before execution (bad document, depth limit). */
export class RequestRejected extends Error {
  constructor(readonly errors: AppSyncResponseError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

interface RequestContext {
  principal: Principal;
  headers: Record<string, string>;
  /** Errors from util.appendError: the field keeps its value. */
  appendedErrors: AppSyncResponseError[];
  /** True while delivering a published event to a subscriber: root fields read the event. */
  delivering?: boolean;
}

export interface SubscriptionHandle {
  stop(): void;
}

interface ActiveSubscription {
  id: number;
  fieldName: string;
  responseKey: string;
  args: Record<string, unknown>;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  principal: Principal;
  headers: Record<string, string>;
  filter?: SubscriptionFilter;
  emit: (payload: AppSyncResponse) => void;
}

export interface AppSyncEngineOptions {
  schema: GraphQLSchema;
  rules: AuthorizationRules;
  runtime: AppSyncJsRuntime;
  resolvers: ResolverBinding[];
  /** AppSync's configurable query depth limit (1–75); 0 disables it. */
  queryDepthLimit?: number;
  log?: (line: string) => void;
}

const DOCUMENT_CACHE_LIMIT = 500;

function location(error: GraphQLError) {
  return (error.locations ?? []).map((l) => ({ line: l.line, column: l.column, sourceName: null as null }));
}

export function formatError(error: GraphQLError): AppSyncResponseError {
  const original = error.originalError;
  if (original instanceof AppSyncFieldError) {
    return {
      path: error.path ? [...error.path] : null,
      data: original.data ?? null,
      ...(original.errorType ? { errorType: original.errorType } : {}),
      errorInfo: original.errorInfo ?? null,
      locations: location(error),
      message: original.message,
    };
  }
  return { path: error.path ? [...error.path] : null, data: null, errorInfo: null, locations: location(error), message: error.message };
}

/** Longest chain of nested selections, fragments expanded; introspection fields count too. */
function selectionDepth(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      const fragment = fragments.get(name);
      deepest = Math.max(deepest, selectionDepth(fragment?.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Depth of the introspection fields (__schema, __type) an operation selects at its root. */
function introspectionDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema' || selection.name.value === '__type') {
        deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, new Set()));
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, introspectionDepth(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) deepest = Math.max(deepest, introspectionDepth(fragment.selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return deepest;
}

function depthLimitMessage(limit: number, depth: number): string {
  return `Query depth limit of ${limit} exceeded, the query has a depth of ${depth}.`;
}

/** How many fields deep a field being resolved is (list indices do not count). */
function fieldDepth(path: GraphQLResolveInfo['path']): number {
  let depth = 0;
  for (let p: GraphQLResolveInfo['path'] | undefined = path; p; p = p.prev) if (typeof p.key === 'string') depth++;
  return depth;
}

/** AppSync's ctx.info.selectionSetList: "field", "field/subfield", … in document order. */
function selectionSetList(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, prefix = ''): string[] {
  if (!selectionSet) return [];
  const list: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      // "Fields that are aliased are referenced only by the alias name, not the field name"
      // (Info.selectionSetList in @aws-appsync/utils and the resolver context reference).
      const path = prefix + (selection.alias?.value ?? selection.name.value);
      list.push(path);
      list.push(...selectionSetList(selection.selectionSet, info, `${path}/`));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      list.push(...selectionSetList(selection.selectionSet, info, prefix));
    } else {
      list.push(...selectionSetList(info.fragments[selection.name.value]?.selectionSet, info, prefix));
    }
  }
  return list;
}

function pathArray(path: GraphQLResolveInfo['path']): (string | number)[] {
  const parts: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = path; p; p = p.prev) parts.unshift(p.key);
  return parts;
}

/**
 * util.error / util.appendError: "`data` will be filtered based on the query selection set"
 * while `errorInfo` is not (@aws-appsync/utils Util.error). Keeps only the selected fields
 * (under their response names), recursively, through lists and fragments; a leaf field's data
 * is passed through.
 */
function filterBySelection(value: unknown, selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): unknown {
  if (!selectionSet || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => filterBySelection(item, selectionSet, info));
  const source = value as Record<string, unknown>;
  const filtered: Record<string, unknown> = {};
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (!Object.hasOwn(source, name)) continue;
        filtered[selection.alias?.value ?? name] = filterBySelection(source[name], selection.selectionSet, info);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return filtered;
}

function appSyncErrorFrom(error: AppSyncError): AppSyncFieldError {
  return new AppSyncFieldError(error.message, error.errorType, error.data ?? null, error.errorInfo ?? null);
}

export class AppSyncEngine {
  private readonly bindings = new Map<string, ResolverBinding>();
  private readonly documents = new Map<string, DocumentNode>();
  /** mutation field name → subscription field names that listen to it */
  private readonly listeners = new Map<string, string[]>();
  private readonly subscriptions = new Map<string, Map<number, ActiveSubscription>>();
  private nextSubscriptionId = 1;
  private readonly fieldResolver: GraphQLFieldResolver<unknown, RequestContext>;

  constructor(private readonly options: AppSyncEngineOptions) {
    for (const binding of options.resolvers) this.bindings.set(`${binding.typeName}.${binding.fieldName}`, binding);
    const subscriptionType = options.schema.getSubscriptionType();
    for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
      const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
      if (mutations?.kind !== Kind.LIST) continue;
      for (const value of mutations.values) {
        if (value.kind !== Kind.STRING) continue;
        this.listeners.set(value.value, [...(this.listeners.get(value.value) ?? []), field.name]);
      }
    }
    this.fieldResolver = (source, args, context, info) => this.resolveField(source, args, context, info);
  }

  get subscriptionCount(): number {
    let count = 0;
    for (const active of this.subscriptions.values()) count += active.size;
    return count;
  }

  /** Parses and validates a document once; AppSync rejects invalid documents before any resolver runs. */
  private prepare(query: string): DocumentNode {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      throw new RequestRejected([formatError(error as GraphQLError)]);
    }
    const problems = validate(this.options.schema, document);
    if (problems.length > 0) throw new RequestRejected(problems.map((p) => ({ ...formatError(p), errorType: 'ValidationError' })));
    const limit = this.options.queryDepthLimit ?? 0;
    if (limit > 0) {
      // Fields of the schema deeper than the limit fail one by one while resolving (see
      // resolveField). Introspection fields resolve without the engine's field hook, so an
      // introspection selection deeper than the limit refuses the whole request instead.
      const fragments = new Map(
        document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
      );
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = introspectionDepth(definition.selectionSet, fragments, new Set());
        if (depth > limit) {
          throw new RequestRejected([
            { path: null, data: null, errorType: 'QueryDepthLimitExceeded', errorInfo: null, locations: [], message: depthLimitMessage(limit, depth) },
          ]);
        }
      }
    }
    if (this.documents.size >= DOCUMENT_CACHE_LIMIT) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(query, document);
    return document;
  }

  /** Runs a query or mutation. Mutation results are published to matching subscriptions. */
  async execute(request: GraphQLRequest, principal: Principal, headers: Record<string, string>): Promise<AppSyncResponse> {
    let document: DocumentNode;
    try {
      document = this.prepare(request.query);
    } catch (error) {
      if (error instanceof RequestRejected) return { data: null, errors: error.errors };
      throw error;
    }
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      return { data: null, errors: [{ path: null, data: null, errorType: 'ValidationError', errorInfo: null, locations: [], message: 'The operation to run could not be determined: name it with operationName.' }] };
    }
    if (operation.operation === 'subscription') {
      return { data: null, errors: [{ path: null, data: null, errorType: 'ValidationError', errorInfo: null, locations: [], message: 'Subscriptions are served over the real-time WebSocket endpoint (/graphql/realtime).' }] };
    }
    const context: RequestContext = { principal, headers, appendedErrors: [] };
    const result = (await execute({
      schema: this.options.schema,
      document,
      operationName: request.operationName ?? undefined,
      variableValues: request.variables ?? {},
      contextValue: context,
      rootValue: {},
      fieldResolver: this.fieldResolver,
    })) as ExecutionResult;
    const response = this.toResponse(result, context);
    if (operation.operation === 'mutation' && result.data) this.publishMutationResults(operation, result);
    return response;
  }

  private toResponse(result: ExecutionResult, context: RequestContext): AppSyncResponse {
    const errors = [...(result.errors ?? []).map(formatError), ...context.appendedErrors];
    return { data: (result.data as Record<string, unknown> | null | undefined) ?? null, ...(errors.length > 0 ? { errors } : {}) };
  }

  /** Synchronous for plain fields (most of a response), async only where a resolver runs. */
  private resolveField(source: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo): unknown {
    const typeName = info.parentType.name;
    const fieldName = info.fieldName;
    const depthLimit = this.options.queryDepthLimit ?? 0;
    if (depthLimit > 0) {
      // AppSync's queryDepthLimit produces "a limit error" for the operation's fields out of
      // bounds; "if a non-nullable field produces an error, the error will be thrown upwards to
      // the first nullable field available" (CreateGraphqlApi API reference). So a field below
      // the limit fails like any field error, and the rest of the response is kept.
      const depth = fieldDepth(info.path);
      if (depth > depthLimit) throw new AppSyncFieldError(`Query depth limit of ${depthLimit} exceeded: ${fieldName} is at depth ${depth}.`, 'QueryDepthLimitExceeded');
    }
    if (!this.options.rules.allows(context.principal, typeName, fieldName)) {
      throw new AppSyncFieldError(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
    }
    if (context.delivering && info.parentType === this.options.schema.getSubscriptionType()) {
      return (source as Record<string, unknown>)[fieldName];
    }
    const binding = this.bindings.get(`${typeName}.${fieldName}`);
    if (!binding) {
      const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[fieldName] : undefined;
      return typeof value === 'function' ? value.call(source, args, context, info) : value;
    }
    return this.resolveWithResolver(binding, source, args, context, info);
  }

  private async resolveWithResolver(binding: ResolverBinding, source: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo): Promise<unknown> {
    const typeName = info.parentType.name;
    const fieldName = info.fieldName;
    const fieldNode = info.fieldNodes[0];
    const scope = this.options.runtime.beginRequest({
      arguments: args,
      identity: context.principal.identity,
      source: source ?? null,
      info: {
        fieldName,
        parentTypeName: typeName,
        variables: info.variableValues,
        selectionSetList: selectionSetList(fieldNode.selectionSet, info),
        selectionSetGraphQL: fieldNode.selectionSet ? print(fieldNode.selectionSet) : '',
      },
      request: { headers: context.headers, domainName: null },
      authType: AUTH_TYPE_NAMES[context.principal.mode],
    });
    try {
      return await this.runUnitResolver(binding, scope);
    } catch (error) {
      if (error instanceof AppSyncFieldError && error.data !== null && error.data !== undefined) {
        throw new AppSyncFieldError(error.message, error.errorType, filterBySelection(error.data, fieldNode.selectionSet, info), error.errorInfo);
      }
      throw error;
    } finally {
      for (const appended of scope.appendedErrors) {
        context.appendedErrors.push({
          path: pathArray(info.path),
          data: filterBySelection(appended.data ?? null, fieldNode.selectionSet, info),
          ...(appended.errorType ? { errorType: appended.errorType } : {}),
          errorInfo: appended.errorInfo ?? null,
          locations: [{ line: fieldNode.loc?.startToken.line ?? 0, column: fieldNode.loc?.startToken.column ?? 0, sourceName: null }],
          message: appended.message,
        });
      }
    }
  }

  /** request → data source → response, with util.error and runtime.earlyReturn as AppSync defines them. */
  private async runUnitResolver(binding: ResolverBinding, scope: ResolverRequestScope): Promise<unknown> {
    let request: unknown = {};
    if (binding.code.has('request')) {
      const outcome = scope.runRequest(binding.code);
      if (outcome.kind === 'error') throw appSyncErrorFrom(outcome.error);
      // earlyReturn in a unit resolver's request skips the data source and the response handler.
      if (outcome.kind === 'earlyReturn') return outcome.value;
      request = outcome.value;
    }
    const answer = await binding.dataSource.invoke(request, { typeName: binding.typeName, fieldName: binding.fieldName });
    if (!binding.code.has('response')) {
      if (answer.error) throw new AppSyncFieldError(answer.error.message, answer.error.type);
      return answer.result;
    }
    const outcome = scope.runResponse(binding.code, { result: answer.result ?? null, error: answer.error ?? null });
    if (outcome.kind === 'error') throw appSyncErrorFrom(outcome.error);
    return outcome.value;
  }

  // ---- subscriptions ---------------------------------------------------------------

  /**
   * Registers a subscription for a connected client. The subscription field's auth rules
   * and its resolver (if any) run now; afterwards each matching mutation result is shaped
   * by the subscription's selection set and handed to `emit`.
   */
  async subscribe(
    request: GraphQLRequest,
    principal: Principal,
    headers: Record<string, string>,
    emit: (payload: AppSyncResponse) => void,
  ): Promise<SubscriptionHandle> {
    const document = this.prepare(request.query);
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      throw new RequestRejected([{ path: null, data: null, errorType: 'ValidationError', errorInfo: null, locations: [], message: 'The operation to run could not be determined: name it with operationName.' }]);
    }
    if (operation.operation !== 'subscription') {
      // AppSync's wording for queries and mutations sent over the WebSocket.
      throw new RequestRejected([
        { path: null, data: null, errorType: 'UnsupportedOperation', errorInfo: null, locations: [], message: `${operation.operation} not supported through the realtime channel` },
      ]);
    }
    const roots = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
    if (roots.length !== 1 || operation.selectionSet.selections.length !== 1) {
      throw new RequestRejected([{ path: null, data: null, errorType: 'ValidationError', errorInfo: null, locations: [], message: 'A subscription operation must select exactly one field.' }]);
    }
    const root = roots[0];
    const fieldName = root.name.value;
    const subscriptionType = this.options.schema.getSubscriptionType()!;
    if (!this.options.rules.allows(principal, subscriptionType.name, fieldName)) {
      throw new RequestRejected([
        { path: [fieldName], data: null, errorType: 'Unauthorized', errorInfo: null, locations: [], message: `Not Authorized to access ${fieldName} on type ${subscriptionType.name}` },
      ]);
    }
    const variables = request.variables ?? {};
    const args = this.argumentValues(operation, root, variables, fieldName);
    const filter = await this.runSubscriptionResolver(fieldName, args, principal, headers, root);

    const active: ActiveSubscription = {
      id: this.nextSubscriptionId++,
      fieldName,
      responseKey: root.alias?.value ?? fieldName,
      args,
      document,
      operationName: request.operationName ?? undefined,
      variables,
      principal,
      headers,
      filter,
      emit,
    };
    let byField = this.subscriptions.get(fieldName);
    if (!byField) this.subscriptions.set(fieldName, (byField = new Map()));
    byField.set(active.id, active);
    return { stop: () => byField!.delete(active.id) };
  }

  /** Coerced argument values of the subscription field (variables checked and resolved, defaults applied). */
  private argumentValues(operation: OperationDefinitionNode, root: FieldNode, variables: Record<string, unknown>, fieldName: string): Record<string, unknown> {
    const coerced = getVariableValues(this.options.schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw new RequestRejected(coerced.errors.map((e) => ({ ...formatError(e), errorType: 'ValidationError' })));
    const field = this.options.schema.getSubscriptionType()!.getFields()[fieldName];
    try {
      return getArgumentValues(field, root, coerced.coerced);
    } catch (error) {
      throw new RequestRejected([{ ...formatError(error as GraphQLError), errorType: 'ValidationError' }]);
    }
  }

  private async runSubscriptionResolver(
    fieldName: string,
    args: Record<string, unknown>,
    principal: Principal,
    headers: Record<string, string>,
    root: FieldNode,
  ): Promise<SubscriptionFilter | undefined> {
    const binding = this.bindings.get(`${this.options.schema.getSubscriptionType()!.name}.${fieldName}`);
    if (!binding) return undefined;
    const scope = this.options.runtime.beginRequest({
      arguments: args,
      identity: principal.identity,
      source: null,
      info: { fieldName, parentTypeName: 'Subscription', variables: {}, selectionSetList: [], selectionSetGraphQL: root.selectionSet ? print(root.selectionSet) : '' },
      request: { headers, domainName: null },
      authType: AUTH_TYPE_NAMES[principal.mode],
    });
    try {
      await this.runUnitResolver(binding, scope);
    } catch (error) {
      if (error instanceof AppSyncFieldError) {
        throw new RequestRejected([{ path: [fieldName], data: null, errorType: error.errorType, errorInfo: error.errorInfo, locations: [], message: error.message }]);
      }
      throw error;
    }
    return scope.subscriptionFilter as SubscriptionFilter | undefined;
  }

  private publishMutationResults(operation: OperationDefinitionNode, result: ExecutionResult): void {
    const errorPaths = new Set((result.errors ?? []).map((e) => String(e.path?.[0])));
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const mutationName = selection.name.value;
      const responseKey = selection.alias?.value ?? mutationName;
      const payload = (result.data as Record<string, unknown>)[responseKey];
      // AppSync publishes only mutations that resolved without error to a non-null value.
      if (payload === null || payload === undefined || errorPaths.has(responseKey)) continue;
      for (const subscriptionField of this.listeners.get(mutationName) ?? []) this.publish(subscriptionField, payload);
    }
  }

  /** Delivers one event to every subscription of a field whose arguments and filters match. */
  publish(subscriptionField: string, payload: unknown): void {
    const active = this.subscriptions.get(subscriptionField);
    if (!active || active.size === 0) return;
    const published = (payload !== null && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    for (const subscription of active.values()) {
      // Basic filtering: subscription arguments filter on the published (mutation response)
      // fields of the same name. An omitted argument does not filter; an argument given as null
      // does: AppSync's "Argument null value has meaning" — it matches only events whose field
      // is null. A field the mutation did not select is absent and matches no argument.
      // Enhanced filtering replaces it: once the subscription resolver has set a filter, the
      // arguments are inputs to that filter, not filters themselves (in AppSync's ticket example,
      // onGroupTicketCreated(group) matches severe tickets of any group through one OR branch).
      const matches = subscription.filter
        ? filterMatches(subscription.filter, payload)
        : Object.entries(subscription.args).every(
            ([name, value]) => value === undefined || (Object.hasOwn(published, name) && JSON.stringify(published[name]) === JSON.stringify(value)),
          );
      if (matches) void this.deliver(subscription, payload);
    }
  }

  private async deliver(subscription: ActiveSubscription, payload: unknown): Promise<void> {
    try {
      const context: RequestContext = { principal: subscription.principal, headers: subscription.headers, appendedErrors: [], delivering: true };
      const result = (await execute({
        schema: this.options.schema,
        document: subscription.document,
        operationName: subscription.operationName,
        variableValues: subscription.variables,
        contextValue: context,
        rootValue: { [subscription.fieldName]: payload },
        fieldResolver: this.fieldResolver,
      })) as ExecutionResult;
      subscription.emit(this.toResponse(result, context));
    } catch (error) {
      this.options.log?.(`subscription delivery failed: ${(error as Error).message}`);
    }
  }
}
