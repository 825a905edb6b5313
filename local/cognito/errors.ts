/** The local Cognito could not be started (port taken, data directory unusable, crash at start). */
export class LocalCognitoStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalCognitoStartError';
  }
}
