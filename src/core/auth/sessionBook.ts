/**
 * The sessions of the `vued` authentication provider, without VS Code: one per API host that has a
 * token, read from a token source, with the changes between two reads reported as a diff. The
 * VS Code class (src/auth/vuedAuthenticationProvider.ts) only adapts this to AuthenticationProvider.
 *
 * The last list of sessions is kept in memory to tell what changed; tokens are compared, never
 * logged or put into an error.
 */
import { accountLabel, diffSessions, tokenFingerprint, ENVIRONMENT_SIGN_OUT_REFUSAL_MESSAGE, isEmptyDiff, parseSessionId, type SessionDiff, sessionIdFor, type SessionLike, type SessionSource } from './sessions';
import { english, msg, type Render } from '../common/messages';
import { SESSION_SCOPE } from './scope';

/** What the sessions are read from (the token store, adapted). */
export interface SessionTokenSource {
  /** Fires after a token is stored or deleted, in this window or another (SecretStorage's onDidChange). */
  readonly onDidChange: (listener: () => void) => { dispose(): void };
  /** The `VUED_TOKEN` of the extension host's environment, or undefined when it is not set. */
  environmentToken(): string | undefined;
  /** Origins that may hold a token in SecretStorage (origins only); those without one are skipped. */
  storedOrigins(): readonly string[];
  /** The token stored for `origin` in SecretStorage (never the environment's), or undefined. */
  storedToken(origin: string): Promise<string | undefined>;
  /** Removes the token stored for `origin`. */
  deleteToken(origin: string): Promise<void>;
}

export interface SessionBookDeps {
  readonly tokens: SessionTokenSource;
  /** The origin of `vued.apiBaseUrl` when it is valid: the host `VUED_TOKEN` is shown for. */
  defaultOrigin(): string | undefined;
  /**
   * Asks for a token with the masked, validated input box of Set Access Token (and which host, when
   * there is more than one), stores it, and returns the origin it was stored for; undefined when the
   * user cancelled. Errors (a rejected token, no keyring) are thrown as they are.
   */
  signIn(scopes: readonly string[]): Promise<string | undefined>;
  /**
   * Who the token of `origin` belongs to, as a server said when the token was checked, if it did:
   * asked with the token's fingerprint, so a name is never shown for another token. Shown next to
   * the host; without it the fingerprint is.
   */
  accountName?(origin: string, fingerprint: string): string | undefined;
  /**
   * Whether the server has rejected `origin`'s stored token since it was entered. Its session is
   * left out, so VS Code's Accounts menu asks to sign in again; the token stays stored until the
   * user signs in again or out. The `VUED_TOKEN` session is never left out (it cannot be replaced here).
   */
  rejected?(origin: string, token: string): boolean;
  /** The language of the errors it throws (VS Code shows them): English unless given (the extension passes `localize`). */
  readonly render?: Render;
}

export interface VuedSession extends SessionLike {
  readonly scopes: readonly string[];
}

/** The English message of the error createSession throws when the user cancelled signing in. */
export const SIGN_IN_CANCELLED = english(msg('session.signInCancelled'));
/** The `name` of that error, whatever the language of its message. */
export const SIGN_IN_CANCELLED_NAME = 'VuedSignInCancelled';


export class SessionBook {
  private known: VuedSession[] = [];
  /** The first read is the baseline: VS Code learns those sessions from getSessions, not from an event. */
  private readOnce = false;
  /** Reads run one after another, so two quick changes cannot be reported in the wrong order. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tokenSub: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly deps: SessionBookDeps,
    private readonly onChange: (diff: SessionDiff<VuedSession>) => void,
  ) {
    this.tokenSub = deps.tokens.onDidChange(() => {
      // A failed read is reported to whoever asks next; a change event has no one to tell.
      this.refresh().catch(() => undefined);
    });
    // The baseline, read at once, so that a token stored before anyone asked is still reported.
    this.refresh().catch(() => undefined);
  }

  private get render(): Render {
    return this.deps.render ?? english;
  }

  /** The sessions as last read (no I/O). */
  current(): readonly VuedSession[] {
    return this.known;
  }

  /**
   * Reads the sessions again and reports what changed (nothing is reported when nothing did). The
   * token source's changes call it; the wiring also calls it when `vued.apiBaseUrl` changes.
   */
  refresh(): Promise<readonly VuedSession[]> {
    const next = this.queue.then(async () => {
      const after = await this.read();
      if (this.disposed) {
        return after;
      }
      const diff = diffSessions(this.known, after);
      this.known = after;
      const first = !this.readOnce;
      this.readOnce = true;
      if (!first && !isEmptyDiff(diff)) {
        this.onChange(diff);
      }
      return after;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Vued tokens have no scopes of their own: every session serves a request, whatever scopes it names. */
  getSessions(_scopes?: readonly string[]): Promise<readonly VuedSession[]> {
    return this.refresh();
  }

  async createSession(scopes: readonly string[]): Promise<VuedSession> {
    const origin = await this.deps.signIn(scopes);
    if (origin === undefined) {
      const cancelled = new Error(this.render(msg('session.signInCancelled')));
      cancelled.name = SIGN_IN_CANCELLED_NAME;
      throw cancelled;
    }
    const found = (await this.refresh()).find((s) => parseSessionId(s.id).origin === origin);
    if (!found) {
      throw new Error(
        this.render(msg(this.deps.tokens.environmentToken() !== undefined ? 'session.environmentWins' : 'session.notStored', origin)),
      );
    }
    return found;
  }

  /** Signs out of one host. The `VUED_TOKEN` session cannot be: the error says why. */
  async removeSession(sessionId: string): Promise<void> {
    const { origin, source } = parseSessionId(sessionId);
    if (source === 'environment') {
      throw new Error(this.render(ENVIRONMENT_SIGN_OUT_REFUSAL_MESSAGE));
    }
    await this.deps.tokens.deleteToken(origin);
    await this.refresh();
  }

  /** The session requests to `origin` use, if that host has one. */
  async sessionFor(origin: string): Promise<VuedSession | undefined> {
    return (await this.refresh()).find((s) => parseSessionId(s.id).origin === origin);
  }

  private async read(): Promise<VuedSession[]> {
    const envToken = this.deps.tokens.environmentToken();
    if (envToken !== undefined) {
      // VUED_TOKEN wins over stored tokens (as in the token store); it is the default host's session.
      const origin = this.deps.defaultOrigin();
      return origin === undefined ? [] : [this.session(origin, envToken, 'environment')];
    }
    const out: VuedSession[] = [];
    for (const origin of this.deps.tokens.storedOrigins()) {
      const token = await this.deps.tokens.storedToken(origin);
      if (token !== undefined && token !== '' && this.deps.rejected?.(origin, token) !== true) {
        out.push(this.session(origin, token, 'secretStorage'));
      }
    }
    return out;
  }

  private session(origin: string, token: string, source: SessionSource): VuedSession {
    const id = sessionIdFor(origin, source);
    const fingerprint = tokenFingerprint(token);
    const label = accountLabel(origin, { name: this.deps.accountName?.(origin, fingerprint), fingerprint, source }, this.render);
    return { id, accessToken: token, account: { id, label }, scopes: [SESSION_SCOPE] };
  }

  dispose(): void {
    this.disposed = true;
    this.tokenSub.dispose();
    this.known = [];
  }
}
