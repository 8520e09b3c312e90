/**
 * What the .env tests check against: dotenv's reading of a text, a corpus of tricky files, and
 * that an edit changed only its own bytes.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import type { EnvEditResult } from '../../src/core/dotenv/edit';

/** dotenv's view of a text, as a Map (dotenv builds a plain object; the corpus has no odd names). */
export function dotenvReads(text: string): Map<string, string> {
  return new Map(Object.entries(dotenv.parse(text)));
}

export interface CorpusFile {
  title: string;
  text: string;
}

function bigFile(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < 100_000; i++) {
    switch (i % 10) {
      case 0: lines.push(`# section ${i} — with "quotes" and KEY_${i}=commented`); break;
      case 1: lines.push(''); break;
      case 2: lines.push(`KEY_${i}=value_${i}`); break;
      case 3: lines.push(`export KEY_${i}='single # not a comment ${i}'`); break;
      case 4: lines.push(`KEY_${i}="double\\nescaped ${i}" # trailing`); break;
      case 5: lines.push(`KEY_${i}="multi`, `line ${i}"`); break;
      case 6: lines.push(`  KEY_${i} = spaced ${i}  `); break;
      case 7: lines.push(`KEY_${i}=\`back ${i}\``); break;
      case 8: lines.push(i === 50_008 ? 'VUED_API_KEY=middle-old' : `KEY_${i}=`); break;
      default: lines.push(`KEY_${i}=ü-${i}`); break;
    }
  }
  lines.push('VUED_API_KEY=last-old');
  return lines.join('\n') + '\n';
}

/** Tricky .env files: line breaks, byte order marks, quotes, comments, duplicates, multi-line values, 100,000 lines. */
export const CORPUS: CorpusFile[] = [
  { title: 'empty file', text: '' },
  { title: 'whitespace only', text: '   \n\t\n  ' },
  { title: 'only a byte order mark', text: '\uFEFF' },
  { title: 'LF with final newline', text: 'A=1\nB=two words\n' },
  { title: 'no final newline', text: 'A=1\nB=2' },
  { title: 'CRLF', text: 'A=1\r\nB="x y"\r\n\r\n# c\r\n' },
  { title: 'CRLF without final newline', text: 'A=1\r\nB=2' },
  { title: 'byte order mark', text: '\uFEFFVUED_API_KEY=old\nA=1\n' },
  { title: 'byte order mark, CRLF', text: '\uFEFF# keep me\r\nexport APP=1\r\n\r\nQUOTED="a # b"\r\nLAST=x' },
  { title: 'export prefix', text: 'export A=1\nexport VUED_API_KEY=old\nexport   B = 2\n' },
  {
    title: 'quotes of every kind',
    text: "S='single \"inner\" `x` # no comment'\nD=\"double 'inner' \\n escaped\"\nT=`back 'a' \"b\"`\nE=''\nF=\"\"\n",
  },
  { title: '# in values and inline comments', text: 'A=abc#def\nB=abc # comment\nC="abc # kept" # dropped\nD=\'#\'#c\nE= # only a comment\n' },
  { title: 'comments', text: '# VUED_API_KEY=commented\n   # indented comment\n#\nA=1\n' },
  { title: 'duplicates', text: 'VUED_API_KEY=first\nA=1\nVUED_API_KEY=second # wins\nB=2\n' },
  { title: 'unicode', text: 'GRÜSSE=hallo\nA=héllo wörld\nB="日本語 🔑"\nÄPFEL=ignored by dotenv\n' },
  {
    title: 'multi-line double-quoted values',
    text: 'A="line 1\nline 2\nVUED_API_KEY=inside a value\n# not a comment"\nVUED_API_KEY="old\nvalue"\nB=2\n',
  },
  { title: 'multi-line values, CRLF', text: 'A="one\r\ntwo"\r\nVUED_API_KEY=\'x\r\ny\'\r\nB=`p\r\nq`\r\n' },
  { title: 'spaces around =', text: 'A = 1\n  VUED_API_KEY =   old value   \nB\t=\t2\n' },
  { title: 'lines that are not definitions, and odd names', text: 'not a definition\n=value\n.A=1\nA-B=2\nA.B=3\n' },
  { title: 'empty values', text: 'A=\nVUED_API_KEY=\nB=\n' },
  { title: 'quoted value with escaped quotes', text: 'A="say \\"hi\\""\nB=\'it\\\'s\'\n' },
  { title: 'colon separator', text: 'A: 1\nVUED_API_KEY: old\n' },
  { title: '100,000 lines', text: bigFile() },
];

function applyEdit(text: string, r: EnvEditResult): string {
  return text.slice(0, r.edit.offset) + r.edit.insertText + text.slice(r.edit.offset + r.edit.deleteLength);
}

/** Every byte outside the edited range is the same as before, and the edit applied to `before` gives the result. */
export function assertOnlyEditChanged(before: string, r: EnvEditResult): void {
  const { offset, deleteLength, insertText } = r.edit;
  assert.ok(offset >= 0 && offset + deleteLength <= before.length, 'the edit is inside the original text');
  assert.equal(r.text, applyEdit(before, r), 'applying the edit to the original gives the result');
  assert.ok(
    Buffer.from(r.text.slice(0, offset)).equals(Buffer.from(before.slice(0, offset))),
    'bytes before the edit are identical',
  );
  assert.ok(
    Buffer.from(r.text.slice(offset + insertText.length)).equals(Buffer.from(before.slice(offset + deleteLength))),
    'bytes after the edit are identical',
  );
}
