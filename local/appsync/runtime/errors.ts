// Typed errors raised to the host (the local AppSync engine). Errors a resolver raises on purpose
// (util.error, util.unauthorized) are not exceptions on the host side: they come back as a
// `StepOutcome` of kind 'error'. The classes here are for problems with the code itself or with
// how the engine drives the runtime.

/** The resolver bundle cannot be loaded: a syntax error, an import APPSYNC_JS cannot satisfy, or top-level code that failed. */
export class ResolverLoadError extends Error {
  override readonly name = 'ResolverLoadError';
  constructor(
    readonly resolverName: string,
    message: string,
  ) {
    super(`${resolverName}: ${message}`);
  }
}

/** The engine asked for something the loaded code cannot do, such as running a handler it does not export. */
export class ResolverInvocationError extends Error {
  override readonly name = 'ResolverInvocationError';
  constructor(
    readonly resolverName: string,
    message: string,
  ) {
    super(`${resolverName}: ${message}`);
  }
}

/**
 * A documented APPSYNC_JS feature this local runtime does not implement. Resolvers see it as a
 * runtime error with this message, so a missing feature is never mistaken for a silent `undefined`.
 */
export class NotSupportedLocallyError extends Error {
  override readonly name = 'NotSupportedLocallyError';
  constructor(readonly feature: string) {
    super(`not supported by the local AppSync runtime: ${feature}`);
  }
}

/** A utility was called with arguments AppSync would reject (for example an unknown time zone). */
export class UtilArgumentError extends Error {
  override readonly name = 'UtilArgumentError';
  constructor(
    readonly utility: string,
    message: string,
  ) {
    super(`${utility}: ${message}`);
  }
}
