// The one module that reaches into cognito-local's internals (lib/**); it runs inside the
// local Cognito child process (see local-cognito.ts). cognito-local's public entry
// point only starts a server with a hard-coded `.cognito` directory in the working
// directory, a fixed issuer port, console output and Lambda/KMS clients from aws-sdk v2;
// building the services ourselves gives us a data directory, the real issuer, our log, and
// the GetTokensFromRefreshToken mapping. Internal paths change between releases, which is
// why package.json pins cognito-local to exactly 5.3.0.
import type http from 'node:http';
import path from 'node:path';
import { CognitoError, NotAuthorizedError } from 'cognito-local/lib/errors';
import type { Config } from 'cognito-local/lib/server/config';
import { Router, type Route } from 'cognito-local/lib/server/Router';
import { createServer } from 'cognito-local/lib/server/server';
import type { Services } from 'cognito-local/lib/services';
import { DateClock } from 'cognito-local/lib/services/clock';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService';
import type { Context } from 'cognito-local/lib/services/context';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import type { MessageSender } from 'cognito-local/lib/services/messageDelivery/messageSender';
import { MessagesService } from 'cognito-local/lib/services/messages';
import { otp } from 'cognito-local/lib/services/otp';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator';
import type { Triggers } from 'cognito-local/lib/services/triggers';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService';
import { Targets } from 'cognito-local/lib/targets/targets';

type PinoLogger = Parameters<typeof createServer>[1];
type PinoFactory = (options: object, destination: { write(line: string): void }) => PinoLogger;

export interface CognitoLocalEngineOptions {
  dataDir: string;
  /** Scheme, host and port the tokens' `iss` starts with; the pool id is appended. */
  issuerDomain: string;
  log: (line: string) => void;
}

/** A Node request listener serving cognito-local's API (an Express application). */
export type RequestListener = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/**
 * pino-http needs a real pino logger, so use the very pino that cognito-local depends on
 * (resolved from cognito-local's own location, not from ours) and point it at our log.
 */
function createLogger(log: (line: string) => void): PinoLogger {
  const cognitoLocalDir = path.dirname(require.resolve('cognito-local/package.json'));
  const pino = require(require.resolve('pino', { paths: [cognitoLocalDir] })) as PinoFactory;
  // cognito-local logs every client error (a wrong password, an unknown user) as a warning;
  // only its own failures and unsupported features are worth a line unless debugging.
  return pino(
    { level: process.env.COGNITO_LOCAL_DEBUG ? 'debug' : 'error', base: null, timestamp: false },
    {
      write(line: string) {
        try {
          const entry = JSON.parse(line) as { msg?: string; target?: string; err?: { message?: string } };
          const detail = entry.err?.message ? `: ${entry.err.message}` : '';
          log(`cognito-local: ${entry.target ? `${entry.target} ` : ''}${entry.msg ?? line.trim()}${detail}`);
        } catch {
          log(`cognito-local: ${line.trim()}`);
        }
      },
    },
  );
}

/** The local cloud runs no Cognito Lambda triggers; each trigger says so if ever reached. */
function disabledTriggers(): Triggers {
  const unsupported = () => Promise.reject(new Error('Cognito Lambda triggers are not supported by the local cloud'));
  return {
    enabled: () => false,
    customMessage: unsupported,
    customEmailSender: unsupported,
    postAuthentication: unsupported,
    postConfirmation: unsupported,
    preSignUp: unsupported,
    preTokenGeneration: unsupported,
    userMigration: unsupported,
  };
}

/** Confirmation and reset codes go to the local cloud's log instead of email or SMS. */
function logMessageSender(log: (line: string) => void): MessageSender {
  const send: MessageSender['sendEmail'] = async (_ctx, user, destination, message) => {
    log(`cognito-local: message for ${user.Username} to ${destination}: code ${message.__code ?? '(none)'}`);
  };
  return { sendEmail: send, sendSms: send };
}

/**
 * Amplify v6 refreshes sessions with GetTokensFromRefreshToken, an API newer than
 * cognito-local 5.3.0. It is InitiateAuth(REFRESH_TOKEN_AUTH) with a different request and
 * response shape, so translate both ways and let cognito-local's InitiateAuth do the work.
 */
export function getTokensFromRefreshToken(services: Services): Route {
  const initiateAuth = Targets.InitiateAuth(services);
  return async (ctx: Context, request: GetTokensFromRefreshTokenRequest) => {
    const authParameters: Record<string, string> = { REFRESH_TOKEN: request.RefreshToken };
    if (request.ClientSecret !== undefined) authParameters.SECRET_HASH = request.ClientSecret;
    if (request.DeviceKey !== undefined) authParameters.DEVICE_KEY = request.DeviceKey;
    const response = await initiateAuth(ctx, {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: request.ClientId,
      AuthParameters: authParameters,
      ClientMetadata: request.ClientMetadata,
    });
    return { AuthenticationResult: response.AuthenticationResult };
  };
}

/**
 * Cognito answers a wrong password with NotAuthorizedException ("Incorrect username or
 * password."), so that callers cannot tell which half was wrong; cognito-local says
 * InvalidPasswordException. Apps branch on the error name, so give them Cognito's.
 */
export function initiateAuthWithCognitoErrors(services: Services): Route {
  const initiateAuth = Targets.InitiateAuth(services);
  return async (ctx: Context, request: unknown) => {
    try {
      return await initiateAuth(ctx, request as Parameters<typeof initiateAuth>[1]);
    } catch (error) {
      if (error instanceof CognitoError && error.code === 'InvalidPasswordException') {
        throw new NotAuthorizedError('Incorrect username or password.');
      }
      throw error;
    }
  };
}

interface GetTokensFromRefreshTokenRequest {
  RefreshToken: string;
  ClientId: string;
  ClientSecret?: string;
  DeviceKey?: string;
  ClientMetadata?: Record<string, string>;
}

/** Builds cognito-local's services over `dataDir` and returns its HTTP application. */
export async function createCognitoLocalApplication(options: CognitoLocalEngineOptions): Promise<RequestListener> {
  const logger = createLogger(options.log);
  const ctx: Context = { logger };
  const config: Config = {
    LambdaClient: { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    TriggerFunctions: {},
    // cognito-local's default makes every pool sign in by email; our pools use usernames.
    UserPoolDefaults: {},
    TokenConfig: { IssuerDomain: options.issuerDomain },
    ServerConfig: { development: false, https: false },
  };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(options.dataDir);
  const cognito = await new CognitoServiceFactoryImpl(
    options.dataDir,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, config.UserPoolDefaults);
  const triggers = disabledTriggers();
  const services: Services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(logMessageSender(options.log))),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const cognitoLocalRouter = Router(services);
  const replacedRoutes: Record<string, Route> = {
    GetTokensFromRefreshToken: getTokensFromRefreshToken(services),
    InitiateAuth: initiateAuthWithCognitoErrors(services),
  };
  const router = (target: string): Route => replacedRoutes[target] ?? cognitoLocalRouter(target);
  return createServer(router, logger, config.ServerConfig, services).application as RequestListener;
}
