import * as vscode from 'vscode';
import { StateKeys } from '../constants';
import { UserFacingError } from '../core/common/errors';
import {
  afterRotation,
  forgetMappings,
  type HeldKeyMapping,
  type HeldKeyRef,
  heldKeysOf,
  heldSecretKey,
  holdsKey,
  isHeldSecretKey,
  mapVariable,
  readMappings,
} from '../core/keys/keychain';
import type { Log } from '../platform/log';

/** The OS keychain could not keep or give back a held secret. Nothing falls back to plaintext. */
export class HeldKeyStorageError extends UserFacingError {
  constructor(action: 'read' | 'store' | 'delete', cause: unknown) {
    const why = (cause instanceof Error ? cause.message : String(cause)).slice(0, 160);
    super(
      action === 'read'
        ? vscode.l10n.t('VS Code could not read a key kept in its secret storage ({0}). Make sure an OS keyring is available.', why)
        : action === 'store'
          ? vscode.l10n.t('VS Code could not keep the key in its secret storage ({0}). Make sure an OS keyring is available; nothing was written to disk instead.', why)
          : vscode.l10n.t('VS Code could not remove the key from its secret storage ({0}). Make sure an OS keyring is available.', why),
    );
    this.name = 'HeldKeyStorageError';
  }
}

/** The key whose secret is kept: its host, organization, id, name and prefix. */
export interface HeldKeyIdentity {
  origin: string;
  orgId: string;
  id: string;
  name: string;
  keyPrefix: string;
}

type Secrets = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'> & Partial<Pick<vscode.SecretStorage, 'onDidChange'>>;

/**
 * Keys held for this workspace's terminals and debug sessions: the mapping (variable → key, ids and
 * names only) in workspace state, each secret in SecretStorage (the OS keychain) under its host and
 * key id. A secret is read on first need and then kept in this window's memory, like the secret of
 * a key created here; another window changing it drops that copy. Changes run one at a time.
 */
export class HeldKeyStore implements vscode.Disposable {
  private readonly cache = new Map<string, string | undefined>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the mapping changed (never with a value). */
  readonly onDidChange = this.changed.event;
  private readonly secretsSub: vscode.Disposable | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The mapping as last read or written (the tree asks for it per row). */
  private current: HeldKeyMapping[] | undefined;
  /** How many secrets were read from SecretStorage in this window (tests and the bench read it). */
  secretReads = 0;

  constructor(
    private readonly secrets: Secrets,
    private readonly workspaceState: vscode.Memento,
    private readonly log: Pick<Log, 'protect' | 'info' | 'warn'>,
  ) {
    this.secretsSub = secrets.onDidChange?.((e) => {
      if (isHeldSecretKey(e.key)) {
        this.cache.delete(e.key);
      }
    });
  }

  /** The mapping of this workspace, sorted by variable. Reads workspace state only. */
  mappings(): HeldKeyMapping[] {
    this.current ??= readMappings(this.workspaceState.get<unknown>(StateKeys.heldKeys));
    return [...this.current];
  }

  /**
   * Keeps `secret` in the keychain and has `variable` stand for the key in this workspace. A key
   * the variable stood for until now, which no other variable stands for, is forgotten (its secret
   * removed). Returns the mapping replaced, if any.
   */
  hold(key: HeldKeyIdentity, secret: string, variable: string): Promise<HeldKeyMapping | undefined> {
    return this.serial(async () => {
      this.log.protect(secret);
      await this.storeSecret(key.origin, key.id, secret);
      const { mappings, replaced } = mapVariable(this.mappings(), {
        variable, origin: key.origin, orgId: key.orgId, keyId: key.id, keyName: key.name, keyPrefix: key.keyPrefix,
      });
      await this.save(mappings);
      if (replaced && !holdsKey(mappings, replaced)) {
        await this.deleteSecret(replaced);
      }
      return replaced;
    });
  }

  /** The secret kept for the key, or undefined when the keychain has none. */
  async secret(ref: HeldKeyRef): Promise<string | undefined> {
    const id = heldSecretKey(ref.origin, ref.keyId);
    if (this.cache.has(id)) {
      return this.cache.get(id);
    }
    let value: string | undefined;
    try {
      value = await this.secrets.get(id);
    } catch (e) {
      throw new HeldKeyStorageError('read', e);
    }
    this.secretReads++;
    if (value) {
      this.log.protect(value);
    }
    this.cache.set(id, value);
    return value;
  }

  /**
   * The variables of this workspace with their secrets, for a terminal or a debug session;
   * `missing` names those whose secret the keychain no longer has (forgotten in another window).
   */
  async environment(): Promise<{ env: Record<string, string>; missing: HeldKeyMapping[] }> {
    const env: Record<string, string> = {};
    const missing: HeldKeyMapping[] = [];
    const mappings = this.mappings();
    // Each key's secret once, all at the same time: one round trip to the keychain, not one per key.
    const secrets = new Map(await Promise.all(heldKeysOf(mappings).map(async (k) => [heldSecretKey(k.origin, k.keyId), await this.secret(k)] as const)));
    for (const m of mappings) {
      const value = secrets.get(heldSecretKey(m.origin, m.keyId));
      if (value) {
        env[m.variable] = value;
      } else {
        missing.push(m);
      }
    }
    return { env, missing };
  }

  /**
   * Forgets the key for `variables` (all of them when undefined); once no variable of this
   * workspace stands for it, its secret leaves the keychain. Returns the mappings removed.
   */
  forget(ref: HeldKeyRef, variables?: readonly string[]): Promise<HeldKeyMapping[]> {
    return this.serial(async () => {
      const { mappings, removed, secretUnused } = forgetMappings(this.mappings(), ref, variables);
      if (secretUnused) {
        await this.deleteSecret(ref);
      }
      if (removed.length > 0) {
        await this.save(mappings);
      }
      return removed;
    });
  }

  /**
   * After a rotation: the replacement's secret is kept, every variable that stood for the old key
   * stands for the new one, and the old secret leaves the keychain. Returns the variables moved
   * (none, and nothing stored, when this workspace did not hold the old key).
   */
  rotate(old: HeldKeyRef, replacement: HeldKeyIdentity, secret: string): Promise<string[]> {
    return this.serial(async () => {
      if (!holdsKey(this.mappings(), old)) {
        return [];
      }
      this.log.protect(secret);
      await this.storeSecret(replacement.origin, replacement.id, secret);
      const { mappings, moved } = afterRotation(this.mappings(), old, replacement);
      await this.save(mappings);
      await this.deleteSecret(old);
      return moved;
    });
  }

  private async storeSecret(origin: string, keyId: string, secret: string): Promise<void> {
    const id = heldSecretKey(origin, keyId);
    try {
      await this.secrets.store(id, secret);
    } catch (e) {
      throw new HeldKeyStorageError('store', e);
    }
    this.cache.set(id, secret);
  }

  private async deleteSecret(ref: HeldKeyRef): Promise<void> {
    const id = heldSecretKey(ref.origin, ref.keyId);
    try {
      await this.secrets.delete(id);
    } catch (e) {
      throw new HeldKeyStorageError('delete', e);
    }
    this.cache.set(id, undefined);
  }

  private async save(mappings: HeldKeyMapping[]): Promise<void> {
    this.current = undefined;
    await this.workspaceState.update(StateKeys.heldKeys, mappings.length > 0 ? mappings : undefined);
    this.current = undefined;
    this.changed.fire();
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    this.secretsSub?.dispose();
    this.cache.clear();
    this.changed.dispose();
  }
}
