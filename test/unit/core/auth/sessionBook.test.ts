/**
 * The `vued` provider's sessions over an in-memory token source shared by two "windows" (each with
 * its own SessionBook, as each VS Code window has its own provider over one SecretStorage).
 */
import assert from 'node:assert/strict';
import { SessionBook, SIGN_IN_CANCELLED, SIGN_IN_CANCELLED_NAME, type SessionBookDeps, type SessionTokenSource, type VuedSession } from '../../../../src/core/auth/sessionBook';
import { ENVIRONMENT_SIGN_OUT_REFUSAL, type SessionDiff, tokenFingerprint } from '../../../../src/core/auth/sessions';
import { tagged } from '../../../support/messages';

const PROD = 'https://api.vued.example';
const STAGING = 'https://staging.vued.example';
const T1 = 'vued_at_prod_9fK2mQ7xR4tY1uI8oP3aS6dF0gH5jK2l';
const T2 = 'vued_at_stag_1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1u';
const T3 = 'vued_at_prod_NEW_zZ9yY8xX7wW6vV5uU4tT3sS2rR1q';
const ENV = 'vued_at_env_QwErTyUiOpAsDfGhJkLzXcVbNm0123';

/** One SecretStorage shared by every window; each window's source fires on every change. */
class SharedSecrets {
  readonly tokens = new Map<string, string>();
  readonly listeners = new Set<() => void>();
  env: string | undefined;
  deletes: string[] = [];

  source(): SessionTokenSource {
    return {
      onDidChange: (l) => {
        this.listeners.add(l);
        return { dispose: () => this.listeners.delete(l) };
      },
      environmentToken: () => this.env,
      storedOrigins: () => [...this.tokens.keys()],
      storedToken: async (o) => this.tokens.get(o),
      deleteToken: async (o) => {
        this.deletes.push(o);
        this.tokens.delete(o);
        this.fire();
      },
    };
  }

  store(origin: string, token: string): void {
    this.tokens.set(origin, token);
    this.fire();
  }

  fire(): void {
    for (const l of this.listeners) l();
  }
}

function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

function window(secrets: SharedSecrets, over: Partial<SessionBookDeps> = {}) {
  const events: Array<SessionDiff<VuedSession>> = [];
  const book = new SessionBook({ tokens: secrets.source(), defaultOrigin: () => PROD, signIn: async () => undefined, ...over }, (d) => events.push(d));
  return { book, events };
}

const ids = (xs: readonly { id: string }[] | undefined) => (xs ?? []).map((x) => x.id);

describe('SessionBook', () => {
  it('throws its errors in the language it is given; a cancelled sign-in is known by its name', async () => {
    const secrets = new SharedSecrets();
    const cancelled = window(secrets, { render: tagged }).book;
    await assert.rejects(cancelled.createSession([]), (e: Error) => e.message === '<session.signInCancelled|>' && e.name === SIGN_IN_CANCELLED_NAME);
    const lying = window(secrets, { render: tagged, signIn: async () => STAGING }).book;
    await assert.rejects(lying.createSession([]), (e: Error) => e.message === `<session.notStored|${STAGING}>` && e.name === 'Error');
    secrets.env = ENV;
    await assert.rejects(lying.createSession([]), (e: Error) => e.message === `<session.environmentWins|${STAGING}>`);
    const env = window(secrets, { render: tagged }).book;
    const sessions = await env.getSessions();
    await assert.rejects(env.removeSession(sessions[0].id), (e: Error) => e.message === '<session.environmentSignOut|>');
  });

  it('has one session per host with a stored token, the token as accessToken, the host and who it is (or the token\'s fingerprint) as account', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(PROD, T1);
    secrets.tokens.set(STAGING, T2);
    const { book } = window(secrets, { accountName: (o) => (o === STAGING ? 'Ada' : undefined) });
    const sessions = await book.getSessions([]);
    assert.deepEqual(
      sessions.map((s) => [s.id, s.accessToken === (s.id === PROD ? T1 : T2), s.account.label, s.account.id]),
      [
        [PROD, true, `api.vued.example (token ${tokenFingerprint(T1)})`, PROD],
        [STAGING, true, 'staging.vued.example (Ada)', STAGING],
      ],
    );
    assert.deepEqual(await book.getSessions(['whatever:scope']), sessions, 'scopes do not narrow the sessions');
  });

  it('leaves out a stored token the server rejected since (so the Accounts menu asks to sign in again), and only that token', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(PROD, T1);
    secrets.tokens.set(STAGING, T2);
    let rejected = T1;
    const { book } = window(secrets, { rejected: (_o, token) => token === rejected });
    assert.deepEqual(ids(await book.getSessions()), [STAGING]);
    rejected = '';
    assert.deepEqual(ids(await book.getSessions()), [PROD, STAGING]);
  });

  it('has no session when no host has a token', async () => {
    const { book, events } = window(new SharedSecrets());
    assert.deepEqual(await book.getSessions(), []);
    assert.equal(events.length, 0);
  });

  it('reports a token stored in another window as an added session in this one', async () => {
    const secrets = new SharedSecrets();
    const a = window(secrets);
    const b = window(secrets);
    await a.book.getSessions();
    await b.book.getSessions();
    secrets.store(STAGING, T2); // "window B" runs Set Access Token
    await settle();
    await a.book.refresh();
    assert.deepEqual(
      a.events.map((e) => [ids(e.added), ids(e.removed), ids(e.changed)]),
      [[[STAGING], [], []]],
    );
    assert.deepEqual(ids(a.book.current()), [STAGING]);
  });

  it('reports a new token for the same host as a changed session, and a sign-out as removed', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(PROD, T1);
    const { book, events } = window(secrets);
    await book.getSessions();
    secrets.store(PROD, T3);
    await settle();
    await book.refresh();
    await book.removeSession(PROD);
    assert.deepEqual(
      events.map((e) => [ids(e.added), ids(e.removed), ids(e.changed)]),
      [
        [[], [], [PROD]],
        [[], [PROD], []],
      ],
    );
    assert.equal(events[0].changed[0].accessToken, T3);
    assert.deepEqual(secrets.deletes, [PROD]);
    assert.deepEqual(await book.getSessions(), []);
  });

  it('fires once per change, not once per read', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(PROD, T1);
    const { book, events } = window(secrets);
    await book.getSessions();
    assert.equal(events.length, 0, 'the first read is the baseline');
    secrets.store(STAGING, T2);
    await Promise.all([book.getSessions(), book.getSessions(), book.refresh(), book.sessionFor(PROD)]);
    await settle();
    assert.equal(events.length, 1);
    assert.deepEqual(ids(events[0].added), [STAGING]);
    await book.getSessions();
    assert.equal(events.length, 1);
  });

  it('shows VUED_TOKEN as the default host session, which cannot be signed out', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(STAGING, T2);
    secrets.env = ENV;
    const { book } = window(secrets);
    const sessions = await book.getSessions();
    assert.deepEqual(
      sessions.map((s) => [s.id, s.account.label, s.accessToken === ENV]),
      [[`${PROD}#VUED_TOKEN`, `api.vued.example (token ${tokenFingerprint(ENV)}, VUED_TOKEN)`, true]],
    );
    await assert.rejects(book.removeSession(sessions[0].id), (e: Error) => e.message === ENVIRONMENT_SIGN_OUT_REFUSAL);
    assert.deepEqual(secrets.deletes, [], 'nothing was deleted');
    assert.equal(secrets.tokens.get(STAGING), T2);
  });

  it('shows no VUED_TOKEN session while vued.apiBaseUrl is refused', async () => {
    const secrets = new SharedSecrets();
    secrets.env = ENV;
    const { book } = window(secrets, { defaultOrigin: () => undefined });
    assert.deepEqual(await book.getSessions(), []);
  });

  it('creates a session through the sign-in callback and returns the session of its host', async () => {
    const secrets = new SharedSecrets();
    secrets.tokens.set(PROD, T1);
    const asked: Array<readonly string[]> = [];
    const { book, events } = window(secrets, {
      signIn: async (scopes) => {
        asked.push(scopes);
        secrets.store(STAGING, T2);
        return STAGING;
      },
    });
    await book.getSessions();
    const s = await book.createSession(['keys:read']);
    assert.equal(s.id, STAGING);
    assert.equal(s.accessToken, T2);
    assert.deepEqual(asked, [['keys:read']]);
    await settle();
    assert.deepEqual(
      events.map((e) => ids(e.added)),
      [[STAGING]],
    );
  });

  it('rejects createSession when the user cancels, and names no token in its errors', async () => {
    const secrets = new SharedSecrets();
    const { book } = window(secrets);
    await assert.rejects(book.createSession([]), (e: Error) => e.message === SIGN_IN_CANCELLED && e.name === SIGN_IN_CANCELLED_NAME);
    assert.equal(SIGN_IN_CANCELLED, 'Signing in to Vued was cancelled.');
    const lying = window(secrets, { signIn: async () => PROD }).book;
    await assert.rejects(lying.createSession([]), (e: Error) => /No Vued token is stored for https:\/\/api\.vued\.example/.test(e.message));
  });

  it('says that VUED_TOKEN wins when a sign-in stores a token for another host', async () => {
    const secrets = new SharedSecrets();
    secrets.env = ENV;
    const { book } = window(secrets, {
      signIn: async () => {
        secrets.store(STAGING, T2);
        return STAGING;
      },
    });
    await assert.rejects(book.createSession([]), (e: Error) => /VUED_TOKEN is set .* used instead until it is unset/.test(e.message) && !e.message.includes(T2));
    // Signing in to the default host while VUED_TOKEN is set gives the VUED_TOKEN session.
    const same = window(secrets, { signIn: async () => PROD }).book;
    assert.equal((await same.createSession([])).id, `${PROD}#VUED_TOKEN`);
  });

  it('passes a failing sign-in through unchanged', async () => {
    const { book } = window(new SharedSecrets(), {
      signIn: async () => {
        throw new Error('The token was rejected by the server (401).');
      },
    });
    await assert.rejects(book.createSession([]), /rejected by the server/);
  });

  it('reports a token stored before anyone asked for sessions', async () => {
    const secrets = new SharedSecrets();
    const { book, events } = window(secrets);
    await settle();
    secrets.store(PROD, T1);
    await settle();
    await book.refresh();
    assert.deepEqual(
      events.map((e) => ids(e.added)),
      [[PROD]],
    );
  });

  it('stops listening when disposed', async () => {
    const secrets = new SharedSecrets();
    const { book, events } = window(secrets);
    book.dispose();
    assert.equal(secrets.listeners.size, 0);
    secrets.store(PROD, T1);
    await settle();
    assert.equal(events.length, 0);
  });
});
