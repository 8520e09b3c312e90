/**
 * Keys held for terminals and debugging: which variable of a workspace stands for which key, and
 * how that mapping follows the key's life (rotation, revocation, sign-out, Forget). Only ids and
 * names live here; the secret itself is kept in the OS keychain (VS Code's SecretStorage) under
 * heldSecretKey(origin, keyId), one entry per API host and key.
 */
import { english } from '../common/messages';
import { newEnvNameProblem } from '../dotenv/names';

/** One variable of a workspace and the key whose secret it gets. Never a secret. */
export interface HeldKeyMapping {
  variable: string;
  /** Origin of the API host that issued the key. */
  origin: string;
  orgId: string;
  keyId: string;
  keyName: string;
  keyPrefix: string;
}

/** The key a mapping points at (what a rotation or a revocation names). */
export type HeldKeyRef = Pick<HeldKeyMapping, 'origin' | 'keyId'>;

/** A key held for this workspace, with every variable that stands for it. */
export interface HeldKey extends Omit<HeldKeyMapping, 'variable'> {
  variables: string[];
}

const SECRET_KEY_PREFIX = 'vued.heldKey@';

/** The SecretStorage key of a held secret: per API host and key id. */
export function heldSecretKey(origin: string, keyId: string): string {
  return `${SECRET_KEY_PREFIX}${origin}#${keyId}`;
}

/** Whether a SecretStorage key is one of the held secrets (for change events from other windows). */
export function isHeldSecretKey(key: string): boolean {
  return key.startsWith(SECRET_KEY_PREFIX);
}

const FIELDS = ['variable', 'origin', 'orgId', 'keyId', 'keyName', 'keyPrefix'] as const;

/**
 * The mappings as stored (workspace state may hold anything an older or newer version wrote):
 * well-formed entries only, each variable once (the later entry wins), sorted by variable.
 */
export function readMappings(raw: unknown): HeldKeyMapping[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const byVariable = new Map<string, HeldKeyMapping>();
  for (const item of raw as unknown[]) {
    if (!item || typeof item !== 'object') {
      continue;
    }
    const o = item as Record<string, unknown>;
    if (!FIELDS.every((f) => typeof o[f] === 'string') || newEnvNameProblem(o.variable as string) !== undefined || o.keyId === '' || o.origin === '') {
      continue;
    }
    const m = Object.fromEntries(FIELDS.map((f) => [f, o[f] as string])) as unknown as HeldKeyMapping;
    byVariable.set(m.variable, m);
  }
  return sortMappings([...byVariable.values()]);
}

function sortMappings(list: HeldKeyMapping[]): HeldKeyMapping[] {
  return list.sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0));
}

function sameKey(m: HeldKeyRef, ref: HeldKeyRef): boolean {
  return m.origin === ref.origin && m.keyId === ref.keyId;
}

/**
 * The mappings with `mapping.variable` standing for `mapping`'s key (replacing whatever it stood
 * for). `replaced` is the mapping it had, if another key's. Throws on a name a shell cannot read.
 */
export function mapVariable(list: readonly HeldKeyMapping[], mapping: HeldKeyMapping): { mappings: HeldKeyMapping[]; replaced?: HeldKeyMapping } {
  const problem = newEnvNameProblem(mapping.variable);
  if (problem !== undefined) {
    throw new Error(english(problem));
  }
  const before = list.find((m) => m.variable === mapping.variable);
  const mappings = sortMappings([...list.filter((m) => m.variable !== mapping.variable), { ...mapping }]);
  return { mappings, replaced: before && !sameKey(before, mapping) ? before : undefined };
}

/** The variables of this workspace that stand for the key, sorted. */
export function variablesOf(list: readonly HeldKeyMapping[], ref: HeldKeyRef): string[] {
  return list.filter((m) => sameKey(m, ref)).map((m) => m.variable);
}

/** Whether the workspace holds the key for any variable. */
export function holdsKey(list: readonly HeldKeyMapping[], ref: HeldKeyRef): boolean {
  return list.some((m) => sameKey(m, ref));
}

/** The keys held, one entry per key (in the order of their first variable), with their variables. */
export function heldKeysOf(list: readonly HeldKeyMapping[]): HeldKey[] {
  const out = new Map<string, HeldKey>();
  for (const m of list) {
    const id = heldSecretKey(m.origin, m.keyId);
    const k = out.get(id);
    if (k) {
      k.variables.push(m.variable);
    } else {
      const { variable, ...key } = m;
      out.set(id, { ...key, variables: [variable] });
    }
  }
  return [...out.values()];
}

/** The keys of one API host held here (what signing out of that host asks about). */
export function heldKeysOnHost(list: readonly HeldKeyMapping[], origin: string): HeldKey[] {
  return heldKeysOf(list.filter((m) => m.origin === origin));
}

/**
 * Forget a key (every variable standing for it), or only some of its variables. `secretUnused`:
 * no variable of this workspace stands for the key any more, so its secret can go too.
 */
export function forgetMappings(
  list: readonly HeldKeyMapping[],
  ref: HeldKeyRef,
  variables?: readonly string[],
): { mappings: HeldKeyMapping[]; removed: HeldKeyMapping[]; secretUnused: boolean } {
  const drop = (m: HeldKeyMapping) => sameKey(m, ref) && (variables === undefined || variables.includes(m.variable));
  const mappings = list.filter((m) => !drop(m));
  return { mappings, removed: list.filter(drop), secretUnused: !holdsKey(mappings, ref) };
}

/**
 * After a rotation: every variable that stood for the old key stands for its replacement (same
 * organization and host, the new id, name and prefix). `moved` lists those variables.
 */
export function afterRotation(
  list: readonly HeldKeyMapping[],
  old: HeldKeyRef,
  replacement: { id: string; name: string; keyPrefix: string },
): { mappings: HeldKeyMapping[]; moved: string[] } {
  const moved: string[] = [];
  const mappings = list.map((m) => {
    if (!sameKey(m, old)) {
      return m;
    }
    moved.push(m.variable);
    return { ...m, keyId: replacement.id, keyName: replacement.name, keyPrefix: replacement.keyPrefix };
  });
  return { mappings: sortMappings(mappings), moved };
}

/** What a debug configuration's `env` becomes, and which variables were added or left to it. */
export interface DebugEnvironmentMerge {
  /** The new `env`; undefined when the configuration's own `env` is not an object (then it is left alone). */
  env: Record<string, unknown> | undefined;
  /** Variables taken from the keychain. */
  added: string[];
  /** Variables the configuration sets itself (its value wins, even `null`, which unsets). */
  explicit: string[];
}

/**
 * Merges the held variables into a launch configuration's `env` without changing the
 * configuration's own entries: a name the configuration sets keeps its value. A missing `env` is
 * an empty one; an `env` that is not an object (no debugger reads that as an environment) is left
 * as it is, and nothing is added.
 */
export function mergeDebugEnvironment(env: unknown, held: Readonly<Record<string, string>>): DebugEnvironmentMerge {
  if (env !== undefined && env !== null && (typeof env !== 'object' || Array.isArray(env))) {
    return { env: undefined, added: [], explicit: [] };
  }
  const own = (env ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...own };
  const added: string[] = [];
  const explicit: string[] = [];
  for (const name of Object.keys(held).sort()) {
    if (Object.prototype.hasOwnProperty.call(own, name)) {
      explicit.push(name);
    } else {
      merged[name] = held[name];
      added.push(name);
    }
  }
  return { env: merged, added, explicit };
}
