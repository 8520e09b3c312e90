import * as path from 'path';
import * as vscode from 'vscode';
import { workspaceTrusted } from '../ui/trust';
import { findDefinitions, upsertEnvVariable } from '../core/dotenv/edit';
import { newEnvNameProblem } from '../core/dotenv/names';
import { appendLine, gitignorePatternFor, hasGitignoreLine } from '../core/dotenv/gitignore';
import { gitVerdict } from '../platform/git';
import { readConfig } from '../platform/config';
import { problemText } from '../platform/l10n';
import { ContextKeys } from '../constants';
import type { PublicApiKey } from '../core/api/types';
import type { Services } from '../services';
import { runSteps, type Step } from '../ui/steps';
import { BACK } from '../ui/ui';
import { describeTarget, type EnvTarget, findEnvTargets } from './targets';
import { readTextSource, type TextSource, updateTextFile } from '../platform/textFiles';

const TITLE = vscode.l10n.t('Vued: Insert Secret into .env');

/** A key's secret to write into a `.env` file, and where it has gone so far (this adds to it). */
export interface SecretToInsert {
  readonly key: Pick<PublicApiKey, 'id' | 'name'>;
  readonly secret: string;
  readonly insertedInto: string[];
}

/**
 * Asks for the file and the variable name, checks git, and writes the secret, changing nothing else
 * in the file. Returns where it was written, or undefined if the user stopped. The caller has
 * checked that a folder is open (keys/offerSecret.ts offers a copy instead when none is).
 */
export async function insertSecretIntoEnv(s: Services, held: SecretToInsert): Promise<string | undefined> {
  const { ui } = s;
  if (!(await workspaceTrusted(ui, vscode.l10n.t('Writing a secret into a .env file needs a trusted workspace.')))) {
    return undefined;
  }

  const targets = await findEnvTargets(s.envFiles);
  const state: { target?: EnvTarget; name: string; source?: TextSource; replace: boolean } = { name: readConfig().envVariableName, replace: false };
  const fileStep: Step = async (step, totalSteps) => {
    const picked = await ui.pick<EnvTarget>({
      title: TITLE, step, totalSteps,
      placeholder: vscode.l10n.t('Choose the .env file for the secret of "{0}"', held.key.name),
      items: targets.map((t) => ({
        label: t.kind === 'file' ? describeTarget(t) : vscode.l10n.t('Create .env in {0}', t.folder.name),
        description: t.kind === 'file' && t.template ? vscode.l10n.t('template, usually committed') : undefined,
        detail: t.kind === 'file' && t.template ? vscode.l10n.t('Files like this are usually committed: the secret would be shared.') : undefined,
        value: t,
      })),
      active: state.target,
    });
    if (picked === undefined || picked === BACK) {
      return undefined;
    }
    state.target = picked;
    return 'next';
  };
  const nameStep: Step = async (step, totalSteps, back) => {
    const chosen = state.target!;
    for (;;) {
      const typed = await ui.input({
        title: TITLE, step, totalSteps, back,
        prompt: vscode.l10n.t('Name of the variable that will hold the secret'),
        value: state.name,
        validate: (v) => problemText(newEnvNameProblem(v.trim())),
      });
      if (typed === undefined || typed === BACK) {
        return typed;
      }
      state.name = typed.trim();
      state.source = await readTextSource(chosen.uri);
      state.replace = false;
      if (findDefinitions(state.source.text, state.name).length === 0) {
        return 'next';
      }
      const replaceIt = vscode.l10n.t('Replace');
      const another = vscode.l10n.t('Use Another Name');
      const choice = await ui.message(
        'warning', vscode.l10n.t('{0} is already defined in {1}.', state.name, describeTarget(chosen)),
        { modal: true, detail: vscode.l10n.t('Replace keeps the line where it is and changes only its value.') }, replaceIt, another,
      );
      if (choice === another) {
        continue;
      }
      if (choice !== replaceIt) {
        return undefined;
      }
      state.replace = true;
      return 'next';
    }
  };
  if (!(await runSteps([fileStep, nameStep])) || !state.target || !state.source) {
    return undefined;
  }
  const { target: chosen, name } = state;
  if (!(await confirmGit(s, chosen))) {
    return undefined;
  }
  // The questions took time: the edit is planned again on the file as it is at the moment of
  // writing, so whatever changed it meanwhile is kept. A change the user did not agree to stops here.
  const written = await writeVariable(s, chosen, name, held.secret, state.replace);
  if (!written) {
    return undefined;
  }
  held.insertedInto.push(written.where);
  void vscode.commands.executeCommand('setContext', ContextKeys.insertedSecret, true);
  s.log.info(`Inserted the secret of key ${held.key.id} into ${written.where}${written.unsaved ? ' (unsaved editor buffer)' : ''}.`);
  return written.where;
}

/**
 * Writes `name=value` into the target (`replace`: over an existing definition the user agreed to
 * replace), planned on the file as it is at that moment, so whatever changed it meanwhile is kept.
 * If the name was defined meanwhile, the user is asked again whether to replace it; if the file was
 * deleted meanwhile, nothing is written. Returns where it went (`.env — NAME`), or undefined.
 */
export async function writeVariable(
  s: Services, target: EnvTarget, name: string, value: string, replace: boolean,
): Promise<{ where: string; unsaved: boolean } | undefined> {
  for (;;) {
    let conflict: 'gone' | 'defined' | undefined;
    const result = await updateTextFile(target.uri, target.folder, (current) => {
      if (current === undefined && target.kind === 'file') {
        conflict = 'gone';
        return { refuse: vscode.l10n.t('{0} was deleted meanwhile, so the secret was not written.', describeTarget(target)) };
      }
      const text = current ?? '';
      if (!replace && findDefinitions(text, name).length > 0) {
        conflict = 'defined';
        return { refuse: vscode.l10n.t('{0} was defined in {1} meanwhile.', name, describeTarget(target)) };
      }
      return { edit: upsertEnvVariable(text, name, value, { replace }).edit };
    }, (m) => s.log.info(m));
    if (result.status === 'refused') {
      if (conflict === 'defined' && (await askReplace(s, result.reason))) {
        replace = true;
        continue;
      }
      if (conflict !== 'defined') {
        await s.ui.message('warning', result.reason, {});
      }
      s.log.info(`Writing ${name} into ${describeTarget(target)} stopped: ${conflict === 'gone' ? 'the file was deleted' : conflict === 'defined' ? `${name} was defined` : 'refused'} meanwhile.`);
      return undefined;
    }
    return { where: `${describeTarget(target)} — ${name}`, unsaved: result.status === 'written' && result.unsaved === true };
  }
}

/** The modal that asks whether to replace a variable's value; true for Replace. */
export async function askReplace(s: Services, text: string): Promise<boolean> {
  const replaceIt = vscode.l10n.t('Replace');
  const choice = await s.ui.message('warning', text, { modal: true, detail: vscode.l10n.t('Replace keeps the line where it is and changes only its value.') }, replaceIt);
  return choice === replaceIt;
}

/** Warns when git would commit the file. True to go on writing. */
export async function confirmGit(s: Services, target: EnvTarget): Promise<boolean> {
  if (target.uri.scheme !== 'file') {
    return true;
  }
  const verdict = await gitVerdict(target.uri.fsPath);
  if (verdict === 'noRepository' || verdict === 'ignored') {
    return true;
  }
  const label = describeTarget(target);
  const addAndWrite = vscode.l10n.t('Add to .gitignore and Write');
  const writeAnyway = vscode.l10n.t('Write Anyway');
  const text =
    verdict === 'tracked'
      ? vscode.l10n.t('{0} is tracked by git: the secret would be committed.', label)
      : vscode.l10n.t('{0} is not ignored by git: the secret could be committed.', label);
  const detail =
    verdict === 'tracked'
      ? vscode.l10n.t('Adding it to .gitignore does not untrack it: also run "git rm --cached" on it.')
      : vscode.l10n.t('"Add to .gitignore" appends one line to the .gitignore beside the file.');
  const choice = await s.ui.message('warning', text, { modal: true, detail }, addAndWrite, writeAnyway);
  if (choice === addAndWrite) {
    await addToGitignore(s, target);
    return true;
  }
  return choice === writeAnyway;
}

/** Appends a pattern matching exactly the file to the .gitignore beside it (nothing when it is there). */
export async function addToGitignore(s: Services, target: EnvTarget): Promise<void> {
  const dir = vscode.Uri.joinPath(target.uri, '..');
  const gitignore = vscode.Uri.joinPath(dir, '.gitignore');
  const pattern = gitignorePatternFor(path.posix.basename(target.uri.path));
  const result = await updateTextFile(gitignore, target.folder, (current) => {
    const text = current ?? '';
    if (hasGitignoreLine(text, pattern)) {
      return { keep: true };
    }
    return { edit: { offset: text.length, deleteLength: 0, insertText: appendLine(text, pattern).slice(text.length) } };
  }, (m) => s.log.info(m));
  if (result.status === 'written') {
    s.log.info(`Added ${pattern} to ${path.posix.relative(target.folder.uri.path, gitignore.path)}.`);
  }
}
