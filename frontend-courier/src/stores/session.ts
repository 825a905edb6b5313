// Who is signed in (frontend-shared/session.ts); a reload, or opening the installed app offline,
// restores the session. The courier app is for the Cognito group "courier": anyone else (an
// admin, a user in no group) is signed out again with a clear notice.
import { createSessionStore } from '../../../frontend-shared/session';

export { SignInError, type SessionUser } from '../../../frontend-shared/session';

export const COURIER_GROUP = 'courier';

const store = createSessionStore({ group: COURIER_GROUP, appName: 'courier app' });

export const session = store.session;
export const restoreSession = store.restoreSession;
export const signInCourier = store.signIn;
export const signOutCourier = store.signOut;
