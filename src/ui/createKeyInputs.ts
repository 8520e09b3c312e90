import * as vscode from 'vscode';
import { EXPIRY_PRESETS, type ExpiryPreset, parseCustomDate, presetExpiry } from '../core/keys/expiry';
import { formatScopes } from '../core/keys/status';
import { keyNameProblem, normalizeOrgId, orgIdProblem, parseScopes, scopesProblem } from '../core/keys/inputs';
import { shortenId } from '../core/common/text';
import { DEFAULT_KEY_NAME } from '../constants';
import { localize, problemText } from '../platform/l10n';
import { runSteps, type Step } from './steps';
import { BACK, type Back, type PickItem, type Ui } from './ui';

export interface CreateKeyInputs {
  orgId: string;
  name: string;
  scopes: string[];
  /** ISO 8601 or null (never). */
  expiresAt: string | null;
  expiryLabel: string;
}

export interface CreateKeyDefaults {
  defaultOrgId: string;
  recentOrgIds: string[];
  defaultScopes: string[];
  /** Set when the flow starts from an organization (the org step is skipped). */
  orgId?: string;
  now?: () => Date;
  /** Told the organization and name once both are answered, and again if Back changes them. */
  onNamed?: (orgId: string, name: string) => void;
}

const CREATE_TITLE = vscode.l10n.t('Vued: Create API Key');
const ENTER_ORG = '\u0000enter';

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
  const state: Partial<CreateKeyInputs> & { expiryPreset?: ExpiryPreset; customDate?: string } = { orgId: d.orgId };

  const orgStep: Step = async (step, totalSteps) => {
    const known = [...new Set([d.defaultOrgId, ...d.recentOrgIds].map(normalizeOrgId).filter((id) => orgIdProblem(id) === undefined))];
    const items: PickItem<string>[] = known.map((id) => ({
      label: shortenId(id),
      description: id === normalizeOrgId(d.defaultOrgId) ? vscode.l10n.t('{0} · default', id) : vscode.l10n.t('{0} · recent', id),
      value: id,
    }));
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
        placeholder: '123e4567-e89b-12d3-a456-426614174000',
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
      value: state.name ?? DEFAULT_KEY_NAME,
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
    const typed = await ui.input({
      title: CREATE_TITLE, step, totalSteps, back,
      prompt: vscode.l10n.t('Scopes, separated by commas or spaces (leave empty for none)'),
      value: formatScopes(state.scopes ?? d.defaultScopes),
      validate: (v) => problemText(scopesProblem(v)),
    });
    if (typed === undefined || typed === BACK) {
      return typed;
    }
    state.scopes = parseScopes(typed);
    return 'next';
  };

  const expiryStep: Step = async (step, totalSteps, back) => {
    for (;;) {
      const preset = await ui.pick<ExpiryPreset>({
        title: CREATE_TITLE, step, totalSteps, back,
        placeholder: vscode.l10n.t('When should the key expire?'),
        items: EXPIRY_PRESETS.map((p) => ({ label: presetLabel(p.id), value: p.id })),
        active: state.expiryPreset,
      });
      if (preset === undefined || preset === BACK) {
        return preset;
      }
      state.expiryPreset = preset;
      if (preset !== 'custom') {
        state.expiresAt = presetExpiry(preset, now());
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
