// Who is signed in (frontend-shared/session.ts). The admin app is for the Cognito group "admin":
// anyone else is signed out again with a clear notice (the API would refuse them field by field anyway).
import { createSessionStore } from '../../../frontend-shared/session';

export { SignInError, type SessionUser } from '../../../frontend-shared/session';

export const ADMIN_GROUP = 'admin';

const store = createSessionStore({ group: ADMIN_GROUP, appName: 'admin app' });

export const session = store.session;
export const restoreSession = store.restoreSession;
export const signInAdmin = store.signIn;
export const signOutAdmin = store.signOut;
