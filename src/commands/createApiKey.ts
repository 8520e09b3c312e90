import * as vscode from 'vscode';
import { ApiError } from '../core/api/errors';
import type { CreatedPublicApiKey } from '../core/api/types';
import { readConfig } from '../platform/config';
import { withCancellableProgress } from '../platform/progress';
import type { Services } from '../services';
import type { HeldSecret } from '../keys/heldSecret';
import { askCreateKeyInputs } from '../ui/createKeyInputs';
import { offerSecret } from '../keys/offerSecret';
import { showError } from '../ui/showError';
import { chooseApi, ensureToken } from '../connection/hostChoice';
import { JournalDraft } from '../keys/journal';

export interface CreatedKey {
  orgId: string;
  key: CreatedPublicApiKey['token'];
}

/**
 * `vued.createApiKey` and `vued.createApiKeyInOrganization`: ask → POST once → keep the secret in
 * memory → offer Copy / Insert until done. One instance per window owns the lock that allows only
 * one create at a time: a second Enter or a second command start creates nothing.
 */
export interface CreateOptions {
  /** Aborts the request from the moment it starts (before any progress notification exists). */
  cancel?: vscode.CancellationToken;
  /** Puts the new secret somewhere (Replace with a new key…) before it is offered. */
  onCreated?: (held: HeldSecret) => Promise<void>;
  /** The host of the sidebar row the command starts from: the key is created there, with that host's token. */
  origin?: string;
}

export class ApiKeyCreation {
  private creating = false;

  constructor(private readonly s: Services) {}

  /** The created key's metadata (never the secret), or undefined. */
  async run(presetOrgId?: string, options: CreateOptions = {}): Promise<CreatedKey | undefined> {
    const s = this.s;
    if (this.creating) {
      void s.ui.message('info', vscode.l10n.t('An API key is already being created.'), {});
      return undefined;
    }
    this.creating = true;
    let failure: { error: unknown } | undefined;
    try {
      return await createApiKeyFlow(s, presetOrgId, options);
    } catch (e) {
      failure = { error: e };
      return undefined;
    } finally {
      // Released before the error is shown: an error notification can stay open for a long time,
      // and the user must be able to try again meanwhile.
      this.creating = false;
      if (failure) {
        await showError(s, vscode.l10n.t('Creating the API key'), failure.error);
      }
    }
  }
}

async function createApiKeyFlow(s: Services, presetOrgId: string | undefined, options: CreateOptions): Promise<CreatedKey | undefined> {
  const api = await chooseApi(s, options.origin);
  if (!api) {
    return undefined;
  }
  const token = await ensureToken(s, api);
  if (!token) {
    return undefined;
  }
  const config = readConfig();
  // The client is made before the questions, so that Enter on the last one sends the request at once.
  const client = s.http.create(api.baseUrl, token.value);
  // The journal entry is recorded before the request, so that a key whose secret never reached the
  // user is found at the next start if this host dies before the offer is answered (ids and the
  // name only). It is written while the user answers the last questions, not after Enter.
  const draft = new JournalDraft(s.journal, api.origin);
  const inputs = await askCreateKeyInputs(s.ui, {
    defaultOrgId: config.defaultOrgId,
    recentOrgIds: s.state.recentOrgIds(api.origin),
    defaultScopes: config.defaultScopes,
    orgId: presetOrgId,
    onNamed: (orgId, name) => draft.note(orgId, name),
  }).catch(async (e: unknown) => {
    await draft.discard();
    throw e;
  });
  if (!inputs) {
    await draft.discard();
    s.log.info('Create API key: cancelled before anything was sent.');
    return undefined;
  }
  const entry = await draft.settle(inputs.orgId, inputs.name);
  // Sent once, never retried. The notification appears only if the answer takes longer than
  // PROGRESS_DELAY_MS; `cancel` (the caller's) can abort from the moment the request starts.
  let created;
  try {
    created = await withCancellableProgress(
      vscode.l10n.t('Creating API key "{0}"…', inputs.name),
      (signal) => client.createApiKey(inputs.orgId, { name: inputs.name, scopes: inputs.scopes, expires_at: inputs.expiresAt }, signal),
      { cancel: options.cancel },
    );
  } catch (e) {
    await endUnlessKeyMayExist(s, entry.id, e);
    throw e;
  }
  s.log.protect(created.secret);
  const held = s.session.remember(inputs.orgId, created.token, created.secret, api.origin);
  // The offer is asked for first (it runs up to its first question at once); the bookkeeping
  // follows while it opens, and none of it waits for the state to be written.
  // A caller that puts the secret somewhere (Replace with a new key…) does so before it is offered.
  await options.onCreated?.(held);
  const offered = offerSecret(s, held);
  void Promise.all([s.state.rememberOrg(inputs.orgId, api.origin), s.state.rememberCreatedKey(inputs.orgId, created.token, api.origin)]).catch((e: unknown) =>
    s.log.warn(`Could not remember the new key's organization and metadata: ${e instanceof Error ? e.message : String(e)}`),
  );
  s.keyCreated.fire({ origin: api.origin, orgId: inputs.orgId, key: created.token });
  s.log.info(`Created API key ${created.token.id} (${created.token.keyPrefix}…) in organization ${inputs.orgId}, expires: ${inputs.expiryLabel}.`);
  await offered;
  await s.journal.end(entry.id);
  return { orgId: inputs.orgId, key: created.token };
}

/** Answers that prove the server created nothing; after any other failure a key may exist. */
const CREATED_NOTHING = new Set(['badRequest', 'auth', 'forbidden', 'notFound', 'conflict', 'rateLimited', 'tls', 'unsupported']);

/**
 * After a failed POST: the journal entry goes when the server's answer proves no key was made; it
 * stays when the request may have created one (no answer, a timeout, a cancel, a server error), so
 * the next start looks for the key by name and time.
 */
export async function endUnlessKeyMayExist(s: Services, entryId: string, error: unknown): Promise<void> {
  if (error instanceof ApiError && CREATED_NOTHING.has(error.kind)) {
    await s.journal.end(entryId);
  }
}
