/**
 * The one text-edit type: delete `deleteLength` characters at `offset`, then insert `insertText`
 * (offsets in UTF-16 code units, like `String#slice`). Every `.env` change, rotation and write
 * carries one of these, and applyEdit is the one way to apply it to a string.
 */
export interface TextEdit {
  offset: number;
  deleteLength: number;
  insertText: string;
}

/** `text` with `edit` applied. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insertText + text.slice(edit.offset + edit.deleteLength);
}
