/**
 * The core's messages (src/core/common/messages.ts) in VS Code's display language. Their English
 * texts are written once, in the core's table; `npm run l10n` (scripts/l10n.mjs) adds each to
 * l10n/bundle.l10n.json beside the sentences extracted from the glue's literal `vscode.l10n.t`
 * calls, keyed by the text as `vscode.l10n.t` looks it up.
 */
import * as vscode from 'vscode';
import type { UserFacingError } from '../core/common/errors';
import { type Message, MESSAGES, type Render, renderArgs } from '../core/common/messages';

/** A core message in the display language (English when no bundle of that language is shipped). */
export const localize: Render = (message: Message) => vscode.l10n.t(MESSAGES[message.id], ...renderArgs(message, localize));

/** A rule's problem (core/keys/inputs, core/dotenv/names…) in the display language, or undefined: what an input box shows. */
export function problemText(problem: Message | undefined): string | undefined {
  return problem && localize(problem);
}

/** The sentence of an error written for the user, in the display language when the core built it. */
export function userSentence(err: UserFacingError): string {
  return err.text ? localize(err.text) : err.message;
}
