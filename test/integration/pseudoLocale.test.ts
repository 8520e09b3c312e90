import * as assert from 'assert';
import * as vscode from 'vscode';

describe('pseudo-locale probe', () => {
  it('runs in qps-ploc', () => {
    console.log(`language ${vscode.env.language}`);
    assert.strictEqual(vscode.env.language, 'qps-ploc');
  });
});
