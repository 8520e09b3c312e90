/** Ids of the commands the hover links and quick fixes run. Internal: not contributed, so not in the palette. */
export const EditorCommands = {
  revealKey: 'vued.editor.revealKey',
  rotateKey: 'vued.editor.rotateKey',
  copyKeyId: 'vued.editor.copyKeyId',
  replaceWithNewKey: 'vued.editor.replaceWithNewKey',
  addToGitignore: 'vued.editor.addToGitignore',
  moveToEnv: 'vued.editor.moveToEnv',
} as const;

/** The editor commands in the palette (registered with the editor features). */
export const TOGGLE_MASKING_COMMAND = 'vued.toggleSecretMasking';
/** Vued: Reveal Value — the masked value at the cursor, or at `(uri, offset)` from the hover link. */
export const REVEAL_VALUE_COMMAND = 'vued.revealValue';

/** The argument of the hover links (as keyHoverMarkdown writes it). */
export interface KeyRef {
  keyId: string;
  orgId?: string;
}
