import * as vscode from 'vscode';
import { chooseApi, signedInHosts } from '../connection/hostChoice';
import { normalizeOrgId, orgIdProblem } from '../core/keys/inputs';
import { organizationLabelProblem } from '../core/keys/organizationLabels';
import type { Services } from '../services';
import { problemText } from '../platform/l10n';
import { runSteps, type Step } from '../ui/steps';
import { BACK } from '../ui/ui';
import { type ApiKeysTree } from '../views/apiKeysTree';

const ADD_TITLE = vscode.l10n.t('Vued: Add Organization');

/**
 * `vued.addOrganization`: a validated UUID and an optional label, kept locally for one host: the
 * host of the row it starts from (`origin`), else the one host signed in, else the one the user picks.
 */
export async function addOrganizationCommand(s: Services, tree: ApiKeysTree, origin?: string): Promise<string | undefined> {
  let host = origin;
  if (host === undefined) {
    const signedIn = await signedInHosts(s);
    if (signedIn.length > 1) {
      host = (await chooseApi(s))?.origin;
      if (host === undefined) {
        return undefined;
      }
    } else {
      host = signedIn[0]?.origin;
    }
  }
  const state: { id?: string; label?: string } = {};
  const idStep: Step = async (step, totalSteps) => {
    const typed = await s.ui.input({
      title: ADD_TITLE, step, totalSteps,
      prompt: vscode.l10n.t('Organization ID (a UUID)'),
      placeholder: '123e4567-e89b-12d3-a456-426614174000',
      value: state.id ?? '',
      validate: (v) => problemText(orgIdProblem(v)),
    });
    if (typed === undefined || typed === BACK) {
      return undefined;
    }
    state.id = normalizeOrgId(typed);
    return 'next';
  };
  const labelStep: Step = async (step, totalSteps, back) => {
    const label = await s.ui.input({
      title: ADD_TITLE, step, totalSteps, back,
      prompt: vscode.l10n.t('A label for it in the sidebar (optional)'),
      validate: (v) => problemText(organizationLabelProblem(v)),
    });
    if (label === undefined || label === BACK) {
      return label;
    }
    state.label = label;
    return 'next';
  };
  if (!(await runSteps([idStep, labelStep])) || state.id === undefined) {
    return undefined;
  }
  const id = state.id;
  await s.state.addOrg({ id }, host);
  if (state.label?.trim()) {
    await s.state.setOrganizationLabel(id, state.label);
  }
  s.log.info(`Added organization ${id} to the sidebar.`);
  tree.refresh();
  return id;
}
