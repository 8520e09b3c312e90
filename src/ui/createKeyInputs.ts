import * as vscode from 'vscode';
import { EXPIRY_PRESETS, type ExpiryPreset, parseCustomDate, presetExpiry } from '../core/keys/expiry';
import { formatScopes } from '../core/keys/status';
import { keyNameProblem, normalizeOrgId, orgIdProblem, parseScopes, scopesProblem } from '../core/keys/inputs';
import { shortenId } from '../core/common/text';
import { formatDate } from '../core/common/timestamps';
import { DEFAULT_KEY_NAME } from '../constants';
import { localize, problemText } from '../platform/l10n';
import { runSteps, type Step } from './steps';
import { BACK, type Back, type PickItem, type TypedAnswer, type Ui } from './ui';

export interface CreateKeyInputs {
  orgId: string;
  name: string;
  scopes: string[];
  /** ISO 8601 or null (never). */
  expiresAt: string | null;
  expiryLabel: string;
}

/** An organization the user has, as the create flow offers it. */
export interface KnownOrganization {
  id: string;
  /** The server's name or the local label; undefined shows the id itself. */
  name?: string;
  /** Why it is offered: the vued.defaultOrgId setting, or a recent create. */
  tag?: 'default' | 'recent';
}

export interface CreateKeyDefaults {
  defaultOrgId: string;
  recentOrgIds: string[];
  defaultScopes: string[];
  /** The organizations the user has, in the order to offer them (most recent first); defaultOrgId and recentOrgIds are added when missing. */
  organizations?: KnownOrganization[];
  /** The name to prefill (from the workspace, or the key being replaced). */
  name?: string;
  /** The scopes to prefill instead of defaultScopes (the key being replaced). */
  scopes?: readonly string[];
  /** The scopes the user's existing keys have, offered as check boxes in the scopes step. */
  knownScopes?: readonly string[];
  /** The lifetime of the key being replaced, offered first: its expiry counted again from now (ISO), or null (never). */
  sameLifetime?: { expiresAt: string | null };
  /** Set when the flow starts from an organization (the org step is skipped). */
  orgId?: string;
  now?: () => Date;
  /** Told the organization and name once both are answered, and again if Back changes them. */
  onNamed?: (orgId: string, name: string) => void;
}

const CREATE_TITLE = vscode.l10n.t('Vued: Create API Key');
const ENTER_ORG = '\u0000enter';
/** The expiry choice that keeps the replaced key's lifetime. */
const SAME = 'same';
/** The order the expiry choices are offered in: the safe default first. */
const PRESET_ORDER: readonly ExpiryPreset[] = ['90d', '30d', '1y', 'never', 'custom'];

/** An expiry choice as shown (EXPIRY_PRESETS keeps the English label, which the log uses). */
function presetLabel(preset: ExpiryPreset): string {
  switch (preset) {
    case 'never':
      return vscode.l10n.t('Never');
    case '30d':
      return vscode.l10n.t('30 days');
    case '90d':
      return vscode.l10n.t('90 days');
    case '1y':
      return vscode.l10n.t('1 year');
    case 'custom':
      return vscode.l10n.t('Custom date…');
  }
}

const validOrgId = (v: string) => problemText(orgIdProblem(v));


/**
 * The create-key questions as a stack of steps: organization → name → scopes → expiration.
 * Back returns to the previous step with its answer kept; Escape cancels (undefined) with nothing sent.
 */
export async function askCreateKeyInputs(ui: Ui, d: CreateKeyDefaults): Promise<CreateKeyInputs | undefined> {
  const now = d.now ?? (() => new Date());
  const state: Partial<CreateKeyInputs> & { expiryPreset?: ExpiryPreset | typeof SAME; customDate?: string } = { orgId: d.orgId };

  const orgStep: Step = async (step, totalSteps) => {
    const items = organizationItems(d);
    const known = items.map((i) => i.value);
    items.push({ label: vscode.l10n.t('Enter organization ID…'), value: ENTER_ORG });
    for (;;) {
      let chosen: string | Back | undefined = ENTER_ORG;
      if (items.length > 1) {
        chosen = await ui.pick({
          title: CREATE_TITLE, step, totalSteps,
          placeholder: vscode.l10n.t('Organization for the new key'),
          items, active: state.orgId,
        });
      }
      if (chosen === undefined || chosen === BACK) {
        return chosen;
      }
      if (chosen !== ENTER_ORG) {
        state.orgId = chosen;
        return 'next';
      }
      const typed = await ui.input({
        title: CREATE_TITLE, step, totalSteps, back: items.length > 1,
        prompt: vscode.l10n.t('Organization ID (a UUID)'),
        placeholder: vscode.l10n.t('The organization\'s UUID, 8-4-4-4-12 hexadecimal digits'),
        value: state.orgId && !known.includes(state.orgId) ? state.orgId : '',
        validate: validOrgId,
      });
      if (typed === undefined) {
        return undefined;
      }
      if (typed !== BACK) {
        state.orgId = normalizeOrgId(typed);
        return 'next';
      }
    }
  };

  const nameStep: Step = async (step, totalSteps, back) => {
    const typed = await ui.input({
      title: CREATE_TITLE, step, totalSteps, back,
      prompt: vscode.l10n.t('Name of the new key'),
      value: state.name ?? d.name ?? DEFAULT_KEY_NAME,
      validate: (v) => problemText(keyNameProblem(v)),
    });
    if (typed === undefined || typed === BACK) {
      return typed;
    }
    state.name = typed.trim();
    d.onNamed?.(state.orgId!, state.name);
    return 'next';
  };

  const scopesStep: Step = async (step, totalSteps, back) => {
    const prefilled = state.scopes ?? d.scopes ?? d.defaultScopes;
    const offered = [...new Set([...(d.knownScopes ?? []), ...(d.scopes ?? d.defaultScopes), ...prefilled])];
    if (!d.knownScopes?.length && !(d.scopes ?? d.defaultScopes).length) {
      // Nothing to check yet (a first key): a box to type them in, its check shown as one types.
      const typed = await ui.input({
        title: CREATE_TITLE, step, totalSteps, back,
        prompt: vscode.l10n.t('Scopes, separated by commas or spaces (empty: no scopes, and what such a key may do is up to the Vued server)'),
        value: formatScopes(prefilled),
        validate: (v) => problemText(scopesProblem(v)),
      });
      if (typed === undefined || typed === BACK) {
        return typed;
      }
      state.scopes = parseScopes(typed);
      return 'next';
    }
    // A placeholder is one line, cut at the box's width (about 65 characters): what none means, short.
    const chosen = await ui.pickMany({
      title: CREATE_TITLE, step, totalSteps, back,
      placeholder: vscode.l10n.t('Check or type scopes (none: the server decides what it may do)'),
      items: offered.map((scope) => ({ label: scope, value: scope })),
      picked: prefilled,
      typed: typedScopes,
    });
    if (chosen === undefined || chosen === BACK) {
      return chosen;
    }
    state.scopes = chosen;
    return 'next';
  };

  const expiryStep: Step = async (step, totalSteps, back) => {
    for (;;) {
      const at = now();
      const items: PickItem<ExpiryPreset | typeof SAME>[] = PRESET_ORDER.map((id) => {
        const iso = id === 'custom' || id === 'never' ? undefined : presetExpiry(id, at);
        return { label: presetLabel(id), description: iso ? vscode.l10n.t('until {0}', formatDate(new Date(iso))) : undefined, value: id };
      });
      if (d.sameLifetime) {
        const until = d.sameLifetime.expiresAt;
        items.unshift({
          label: vscode.l10n.t('Same lifetime as the replaced key'),
          description: until ? vscode.l10n.t('until {0}', formatDate(new Date(until))) : vscode.l10n.t('never expires'),
          value: SAME,
        });
      }
      const preset = await ui.pick<ExpiryPreset | typeof SAME>({
        title: CREATE_TITLE, step, totalSteps, back,
        placeholder: vscode.l10n.t('When should the key expire?'),
        items,
        active: state.expiryPreset ?? (d.sameLifetime ? SAME : '90d'),
      });
      if (preset === undefined || preset === BACK) {
        return preset;
      }
      state.expiryPreset = preset;
      if (preset === SAME) {
        state.expiresAt = d.sameLifetime?.expiresAt ?? null;
        state.expiryLabel = state.expiresAt ?? 'Never';
        return 'next';
      }
      if (preset !== 'custom') {
        state.expiresAt = presetExpiry(preset, at);
        state.expiryLabel = EXPIRY_PRESETS.find((p) => p.id === preset)?.label ?? preset;
        return 'next';
      }
      const typed = await ui.input({
        title: CREATE_TITLE, step, totalSteps, back: true,
        prompt: vscode.l10n.t('Expiration date (YYYY-MM-DD); the key works until the end of that day, UTC'),
        placeholder: 'YYYY-MM-DD',
        value: state.customDate ?? '',
        validate: (v) => {
          const r = parseCustomDate(v, now());
          return r.ok ? undefined : localize(r.text);
        },
      });
      if (typed === undefined) {
        return undefined;
      }
      if (typed !== BACK) {
        const r = parseCustomDate(typed, now());
        if (r.ok) {
          state.customDate = typed.trim();
          state.expiresAt = r.iso;
          state.expiryLabel = state.customDate;
          return 'next';
        }
      }
    }
  };

  const steps = d.orgId ? [nameStep, scopesStep, expiryStep] : [orgStep, nameStep, scopesStep, expiryStep];
  if (!(await runSteps(steps))) {
    return undefined;
  }
  return {
    orgId: state.orgId!,
    name: state.name!,
    scopes: state.scopes ?? [],
    expiresAt: state.expiresAt ?? null,
    expiryLabel: state.expiryLabel ?? 'Never',
  };
}

/** Scopes typed in the scope step: what Enter adds, or why it cannot (nothing for blank text). */
function typedScopes(text: string): TypedAnswer | undefined {
  const problem = problemText(scopesProblem(text));
  if (problem !== undefined) {
    return { problem };
  }
  const values = parseScopes(text);
  if (values.length === 0) {
    return undefined;
  }
  return {
    values,
    label: values.length === 1
      ? vscode.l10n.t('Add scope "{0}"', values[0])
      : vscode.l10n.t('Add scopes {0}', values.map((v) => `"${v}"`).join(', ')),
  };
}

/**
 * The organization choices: the ones the user has by their label (server name or local label, the
 * short id beside it; an unnamed one by its full id), most recent first, each id once.
 */
function organizationItems(d: CreateKeyDefaults): PickItem<string>[] {
  const defaultId = normalizeOrgId(d.defaultOrgId);
  const all: KnownOrganization[] = [
    ...d.recentOrgIds.map((id) => ({ id, tag: 'recent' as const })),
    ...(d.organizations ?? []),
    { id: d.defaultOrgId, tag: 'default' as const },
  ];
  const byId = new Map<string, KnownOrganization>();
  for (const o of all) {
    const id = normalizeOrgId(o.id);
    if (orgIdProblem(id) !== undefined) {
      continue;
    }
    const seen = byId.get(id);
    byId.set(id, { id, name: seen?.name ?? o.name, tag: id === defaultId ? 'default' : (seen?.tag ?? o.tag) });
  }
  return [...byId.values()].map((o) => {
    const tag = o.tag === 'default' ? vscode.l10n.t('default') : o.tag === 'recent' ? vscode.l10n.t('recent') : undefined;
    return {
      label: o.name ?? o.id,
      description: [o.name ? shortenId(o.id) : undefined, tag].filter(Boolean).join(' · ') || undefined,
      value: o.id,
    };
  });
}
