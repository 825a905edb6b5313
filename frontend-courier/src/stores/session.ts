// Who is signed in. Amplify keeps the Cognito tokens (localStorage), so a reload — or opening the
// installed app offline — restores the session. The courier app is for the Cognito group
// "courier": anyone else (an admin, a user in no group) is signed out again with a clear notice.
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { reactive } from 'vue';
import { config } from '../config';

export const COURIER_GROUP = 'courier';

export interface SessionUser {
  username: string;
  groups: string[];
}

export const session = reactive({
  user: null as SessionUser | null,
  /** Why the last sign-in did not lead into the app, shown on the sign-in page. */
  notice: null as null | { kind: 'couriers-only'; username: string; groups: string[] },
});

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

async function admit(user: SessionUser | null): Promise<SessionUser | null> {
  if (user && !user.groups.includes(COURIER_GROUP)) {
    session.notice = { kind: 'couriers-only', username: user.username, groups: user.groups };
    await signOut().catch(() => undefined);
    session.user = null;
    return null;
  }
  session.user = user;
  return user;
}

/** On start-up: the session Amplify kept, if it is still valid (tokens refresh as needed). */
export async function restoreSession(): Promise<void> {
  await admit(await currentUser());
}

export class SignInError extends Error {}

const SIGN_IN_MESSAGES: Record<string, string> = {
  NotAuthorizedException: 'Incorrect user name or password.',
  UserNotFoundException: 'Incorrect user name or password.',
  PasswordResetRequiredException: 'This account must reset its password first.',
  UserNotConfirmedException: 'This account is not confirmed yet.',
  EmptySignInUsername: 'Enter your user name.',
  EmptySignInPassword: 'Enter your password.',
  NetworkError: 'The sign-in service cannot be reached. Check your connection and try again.',
};

export async function signInCourier(username: string, password: string): Promise<SessionUser | null> {
  session.notice = null;
  // A stale session of someone else would make Amplify refuse to sign in.
  await signOut().catch(() => undefined);
  try {
    const result = await signIn({ username, password, options: { authFlowType: config().auth.authFlowType ?? 'USER_SRP_AUTH' } });
    if (!result.isSignedIn) {
      throw new SignInError(`This account needs another sign-in step (${result.nextStep.signInStep}), which the courier app does not offer yet.`);
    }
  } catch (error) {
    if (error instanceof SignInError) throw error;
    const name = (error as Error).name;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new SignInError(offline ? SIGN_IN_MESSAGES.NetworkError : (SIGN_IN_MESSAGES[name] ?? (error as Error).message ?? 'Sign-in failed.'));
  }
  return admit(await currentUser());
}

export async function signOutCourier(): Promise<void> {
  await signOut().catch(() => undefined);
  session.user = null;
}
