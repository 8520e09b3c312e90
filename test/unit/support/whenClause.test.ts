import * as assert from 'node:assert/strict';
import { evaluateWhen, paletteCommands } from '../../support/whenClause';

describe('when clauses (test support for the palette checks)', () => {
  const ctx = { 'vued.signedIn': true, 'vued.holdsSecret': false, view: 'vued.apiKeys', viewItem: 'apiKey expiring revocable' };

  it('reads keys, negation, && and || like VS Code', () => {
    assert.equal(evaluateWhen('vued.signedIn', ctx), true);
    assert.equal(evaluateWhen('vued.holdsSecret', ctx), false);
    assert.equal(evaluateWhen('!vued.holdsSecret', ctx), true);
    assert.equal(evaluateWhen('vued.unknown', ctx), false, 'an unset key is falsy');
    assert.equal(evaluateWhen('vued.signedIn && vued.holdsSecret', ctx), false);
    assert.equal(evaluateWhen('vued.holdsSecret || vued.signedIn', ctx), true);
    assert.equal(evaluateWhen('false', ctx), false);
    assert.equal(evaluateWhen('!(vued.signedIn && !vued.holdsSecret)', ctx), false);
  });

  it('compares values and matches regexes', () => {
    assert.equal(evaluateWhen('view == vued.apiKeys', ctx), true);
    assert.equal(evaluateWhen('view != vued.apiKeys', ctx), false);
    assert.equal(evaluateWhen('viewItem =~ /\\bexpiring\\b/ && viewItem =~ /\\brevocable\\b/', ctx), true);
    assert.equal(evaluateWhen('viewItem =~ /\\bhasSecret\\b/', ctx), false);
  });

  it('refuses what it cannot read rather than guessing', () => {
    assert.throws(() => evaluateWhen('vued.signedIn &&', ctx));
    assert.throws(() => evaluateWhen('a in b', ctx));
  });

  it('lists the palette commands of a manifest', () => {
    const manifest = {
      contributes: {
        commands: [{ command: 'a' }, { command: 'b' }, { command: 'c' }],
        menus: { commandPalette: [{ command: 'b', when: 'vued.holdsSecret' }, { command: 'c', when: 'false' }] },
      },
    };
    assert.deepEqual(paletteCommands(manifest, ctx), ['a']);
    assert.deepEqual(paletteCommands(manifest, { ...ctx, 'vued.holdsSecret': true }), ['a', 'b']);
  });
});
