import * as vscode from 'vscode';
import { ApiError } from '../core/api/errors';
import type { CreatedPublicApiKey, PublicApiKey } from '../core/api/types';
import { sameLifetime } from '../core/keys/expiry';
import { toDate } from '../core/common/timestamps';
import type { KnownOrganization } from '../ui/createKeyInputs';
import { readConfig } from '../platform/config';
import { withCancellableProgress } from '../platform/progress';
import type { Services } from '../services';
import type { HeldSecret } from '../keys/heldSecret';
import { askCreateKeyInputs } from '../ui/createKeyInputs';
import { offerSecret } from '../keys/offerSecret';
import { showError } from '../ui/showError';
import { chooseApi, ensureToken } from '../connection/hostChoice';
import { JournalDraft } from '../keys/journal';
import { DEFAULT_KEY_NAME } from '../constants';

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
  /** The key being replaced (Replace with a new key…): its name, scopes and lifetime are prefilled. */
  replacing?: Pick<PublicApiKey, 'name' | 'scopes' | 'createdAt' | 'expiresAt'>;
  /** The variable the new key is for (creating from the editor): part of the prefilled name. */
  variable?: string;
}

/** What the user already has, for the create questions: the sidebar's loaded keys with their organizations. */
export interface KnownToCreate {
  keys(): ReadonlyArray<{ key: PublicApiKey; origin: string; orgId: string; orgName?: string }>;
}

export class ApiKeyCreation {
  private creating = false;

  constructor(
    private readonly s: Services,
    private readonly known: KnownToCreate = { keys: () => [] },
  ) {}

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
      return await createApiKeyFlow(s, presetOrgId, options, this.known);
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

async function createApiKeyFlow(s: Services, presetOrgId: string | undefined, options: CreateOptions, known: KnownToCreate): Promise<CreatedKey | undefined> {
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
  const have = known.keys().filter((k) => k.origin === api.origin);
  const replacing = options.replacing;
  const inputs = await askCreateKeyInputs(s.ui, {
    defaultOrgId: config.defaultOrgId,
    recentOrgIds: s.state.recentOrgIds(api.origin),
    defaultScopes: config.defaultScopes,
    organizations: organizationsOf(s, api.origin, have),
    name: replacing?.name ?? prefilledName(options.variable),
    scopes: replacing?.scopes,
    knownScopes: [...new Set(have.filter((k) => k.key.revokedAt === null).flatMap((k) => k.key.scopes))].sort(),
    sameLifetime: replacing
      ? { expiresAt: sameLifetime(toDate(replacing.createdAt)?.getTime() ?? Date.now(), toDate(replacing.expiresAt)?.getTime(), new Date()) }
      : undefined,
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

/**
 * The organizations of `origin` the user has, for the organization step: the ones added to the
 * sidebar, then those of the loaded keys, then those keys were created in here; each with the
 * server's name or the local label (Add Organization's, Rename Organization's) when there is one.
 */
function organizationsOf(s: Services, origin: string, have: ReturnType<KnownToCreate['keys']>): KnownOrganization[] {
  const hidden = new Set(s.state.hiddenOrgIds(origin));
  const serverNames = new Map(have.filter((k) => k.orgName !== undefined).map((k) => [k.orgId, k.orgName!]));
  const ids = [...s.state.addedOrgs(origin).map((o) => o.id), ...have.map((k) => k.orgId), ...s.state.createdKeys(undefined, origin).map((k) => k.orgId)];
  return [...new Set(ids)]
    .filter((id) => !hidden.has(id))
    .map((id) => ({ id, name: serverNames.get(id) ?? s.state.organizationLabel(id, origin) }));
}

/**
 * The name a new key starts with: the workspace folder's name and, when the key is created for a
 * variable, the variable's (`shop PROD_KEY`); without a folder, the server's default name.
 */
function prefilledName(variable: string | undefined): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.name;
  const parts = [folder, variable].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' ').slice(0, 100) : DEFAULT_KEY_NAME;
}
