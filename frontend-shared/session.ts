// Who is signed in. Amplify keeps the Cognito tokens (localStorage), so a reload (or opening an
// installed app offline) restores the session; the store holds what the UI needs: the user name
// and groups from the tokens. Each app is for one Cognito group ("admin", "courier"): anyone else
// is signed out again with a notice for the sign-in page (the API would refuse them anyway).
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { reactive } from 'vue';
import { config } from './runtime-config';

export interface SessionUser {
  username: string;
  groups: string[];
}

/** Why the last sign-in did not lead into the app: the account is not in the app's group. */
export interface WrongGroupNotice {
  username: string;
  groups: string[];
}

export class SignInError extends Error {}

/** What the sign-in page says for Amplify's errors (by error name). */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  NotAuthorizedException: 'Incorrect user name or password.',
  UserNotFoundException: 'Incorrect user name or password.',
  PasswordResetRequiredException: 'This account must reset its password first.',
  UserNotConfirmedException: 'This account is not confirmed yet.',
  EmptySignInUsername: 'Enter your user name.',
  EmptySignInPassword: 'Enter your password.',
  NetworkError: 'The sign-in service cannot be reached. Check your connection and try again.',
};

export interface SessionOptions {
  /** The Cognito group the app is for. */
  group: string;
  /** The app as the messages name it: "admin app". */
  appName: string;
  /** Replaces some of SIGN_IN_MESSAGES. */
  messages?: Record<string, string>;
}

export interface SessionStore {
  session: { user: SessionUser | null; notice: WrongGroupNotice | null };
  /** On start-up: the session Amplify kept, if it is still valid (tokens refresh as needed). */
  restoreSession(): Promise<void>;
  /** Resolves with the user, or null when the account is not in the app's group (see session.notice). */
  signIn(username: string, password: string): Promise<SessionUser | null>;
  signOut(): Promise<void>;
}

async function currentUser(): Promise<SessionUser | null> {
  try {
    const [{ username }, auth] = await Promise.all([getCurrentUser(), fetchAuthSession()]);
    const payload = auth.tokens?.accessToken?.payload;
    if (!payload) return null;
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
    return { username, groups };
  } catch {
    return null;
  }
}

export function createSessionStore(options: SessionOptions): SessionStore {
  const messages = { ...SIGN_IN_MESSAGES, ...options.messages };
  const session = reactive({
    user: null as SessionUser | null,
    notice: null as WrongGroupNotice | null,
  });

  async function admit(user: SessionUser | null): Promise<SessionUser | null> {
    if (user && !user.groups.includes(options.group)) {
      session.notice = { username: user.username, groups: user.groups };
      await signOut().catch(() => undefined);
      session.user = null;
      return null;
    }
    session.user = user;
    return user;
  }

  return {
    session,
    async restoreSession() {
      await admit(await currentUser());
    },
    async signIn(username, password) {
      session.notice = null;
      // A stale session of someone else would make Amplify refuse to sign in.
      await signOut().catch(() => undefined);
      try {
        const result = await signIn({ username, password, options: { authFlowType: config().auth.authFlowType ?? 'USER_SRP_AUTH' } });
        if (!result.isSignedIn) {
          throw new SignInError(`This account needs another sign-in step (${result.nextStep.signInStep}), which the ${options.appName} does not offer yet.`);
        }
      } catch (error) {
        if (error instanceof SignInError) throw error;
        const name = (error as Error).name;
        const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
        throw new SignInError(offline ? messages.NetworkError : (messages[name] ?? (error as Error).message ?? 'Sign-in failed.'));
      }
      return admit(await currentUser());
    },
    async signOut() {
      await signOut().catch(() => undefined);
      session.user = null;
    },
  };
}
