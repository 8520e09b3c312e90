/**
 * The one scope every session names. A Vued token has no scopes of its own (any request is served
 * by any session), but VS Code matches a pending Accounts-menu sign-in request to a new session by
 * its scopes, and a request for no scopes never matches a session with none: the extension's own
 * request names this scope, so it goes once a session exists.
 */
export const SESSION_SCOPE = 'api';
