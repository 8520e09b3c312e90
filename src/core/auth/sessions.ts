/**
 * What the `vued` authentication provider calls things: session and account ids (derived from the
 * API origin, never from the token), account labels, and the difference between two lists of
 * sessions. Pure, no VS Code.
 */
import { createHash } from 'node:crypto';
import { hostOfOrigin } from '../connection/hosts';
import { english, type Message, msg, type Render } from '../common/messages';
import { cleanDisplayName } from '../common/text';

export type SessionSource = 'secretStorage' | 'environment';

/** The suffix of the session id of a `VUED_TOKEN` session: another token, so another session. */
export const ENVIRONMENT_SESSION_SUFFIX = '#VUED_TOKEN';

/**
 * A session's id: the origin itself (not secret, stable across windows and restarts, and what the
 * token is stored under). The `VUED_TOKEN` session of the same origin gets its own id, so that
 * setting or unsetting the variable is a removed and an added session, not a silent token swap.
 */
export function sessionIdFor(origin: string, source: SessionSource): string {
  return source === 'environment' ? `${origin}${ENVIRONMENT_SESSION_SUFFIX}` : origin;
}

/** The origin and source a session id stands for (the inverse of sessionIdFor). */
export function parseSessionId(id: string): { origin: string; source: SessionSource } {
  return id.endsWith(ENVIRONMENT_SESSION_SUFFIX)
    ? { origin: id.slice(0, -ENVIRONMENT_SESSION_SUFFIX.length), source: 'environment' }
    : { origin: id, source: 'secretStorage' };
}

/**
 * A token's short fingerprint: the first 8 hex digits of its SHA-256. It tells two tokens of one
 * host apart in the Accounts menu without showing any character of either.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/**
 * The account label in the Accounts menu: the host (`api.vued.ai`), then who the token belongs to
 * when the server said it (`api.vued.ai (Ada Lovelace)`), else the token's short fingerprint
 * (`api.vued.ai (token 1a2b3c4d)`), and `VUED_TOKEN` for the environment's token.
 */
export function accountLabel(origin: string, opts: { name?: string; fingerprint?: string; source?: SessionSource } = {}, render: Render = english): string {
  const host = hostOfOrigin(origin);
  const name = cleanDisplayName(opts.name) ?? (opts.fingerprint ? render(msg('session.tokenFingerprint', opts.fingerprint)) : undefined);
  const parts = [name, opts.source === 'environment' ? 'VUED_TOKEN' : undefined].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? host : `${host} (${parts.join(', ')})`;
}

/** Why the `VUED_TOKEN` session cannot be signed out: one sentence, shown as the error of removeSession. */
export const ENVIRONMENT_SIGN_OUT_REFUSAL_MESSAGE: Message = msg('session.environmentSignOut');
/** The same sentence in English. */
export const ENVIRONMENT_SIGN_OUT_REFUSAL = english(ENVIRONMENT_SIGN_OUT_REFUSAL_MESSAGE);

// ---- session changes ----------------------------------------------------------------------------

/** The parts of vscode.AuthenticationSession this module needs (structurally the same). */
export interface SessionLike {
  readonly id: string;
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

export interface SessionDiff<S extends SessionLike> {
  readonly added: S[];
  readonly removed: S[];
  readonly changed: S[];
}

/**
 * What changed between two lists of sessions, by id: a session whose token or account label differs
 * is `changed` (a new token for the same host). The tokens are compared, never copied or shown.
 */
export function diffSessions<S extends SessionLike>(before: readonly S[], after: readonly S[]): SessionDiff<S> {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  const added = after.filter((s) => !old.has(s.id));
  const removed = before.filter((s) => !now.has(s.id));
  const changed = after.filter((s) => {
    const o = old.get(s.id);
    return o !== undefined && (o.accessToken !== s.accessToken || o.account.label !== s.account.label || o.account.id !== s.account.id);
  });
  return { added, removed, changed };
}

export function isEmptyDiff(d: SessionDiff<SessionLike>): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}
