/** Variable names, checked against what dotenv itself loads. */
import * as assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { envNameProblem as envNameRule, isValidEnvName, newEnvNameProblem as newEnvNameRule } from '../../../../src/core/dotenv/names';
import { dotenvReads as oracle } from '../../../support/envOracle';
import { inEnglish } from '../../../support/messages';

const [envNameProblem, newEnvNameProblem] = [envNameRule, newEnvNameRule].map(inEnglish);

describe('validation of a .env variable name against what dotenv loads', () => {
  const names = [
    'VUED_API_KEY', 'a', 'dotted.name', 'POSTGRESQL.BASE.USER', 'dash-name', '1LEADING_DIGIT', 'export',
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf',
    'has space', 'é', 'a$b', 'a:b', '',
  ];
  for (const name of names) {
    it(`${JSON.stringify(name)}: refused exactly when dotenv does not load it`, () => {
      const loaded = Object.prototype.hasOwnProperty.call(dotenv.parse(`${name}=value-of-it\n`), name) && dotenv.parse(`${name}=value-of-it\n`)[name] === 'value-of-it';
      const problem = envNameProblem(name);
      assert.equal(problem === undefined, loaded, problem ?? 'accepted');
      if (problem !== undefined) assert.match(problem, name === '' ? /Enter a variable name/ : /cannot be read|never loaded/);
    });
  }
  it('says why __proto__ is refused', () => {
    assert.match(envNameProblem('__proto__') ?? '', /never loaded from a \.env file/);
  });
});

describe('validation of a name typed for a new variable', () => {
  it('accepts portable names that dotenv loads, and says why it refuses the others', () => {
    for (const ok of ['VUED_API_KEY', 'a', '_x9', 'constructor', 'toString']) {
      assert.equal(newEnvNameProblem(ok), undefined, ok);
      assert.equal(dotenv.parse(`${ok}=v`)[ok], 'v', `dotenv loads ${ok}`);
    }
    assert.match(newEnvNameProblem('__proto__') ?? '', /never loaded from a \.env file/);
    assert.match(newEnvNameProblem('') ?? '', /Enter a variable name/);
    for (const bad of ['1BAD', 'BAD-NAME', 'dotted.name', 'A B', 'é']) {
      assert.match(newEnvNameProblem(bad) ?? '', /letters, digits and _/, bad);
    }
  });
});

describe('dotenv: isValidEnvName', () => {
  it('accepts exactly the names dotenv loads', () => {
    for (const ok of ['A', '_', 'VUED_API_KEY', 'a1', '_9', '1A', 'A-B', 'A.B', 'POSTGRESQL.BASE.USER', 'constructor', 'toString']) {
      assert.equal(isValidEnvName(ok), true, ok);
      assert.equal(oracle(`${ok}=v`).get(ok), 'v', `dotenv loads ${ok}`);
    }
    for (const bad of ['', 'A B', 'Ä', 'A=', ' A', 'A\n', 'A$B', '__proto__']) {
      assert.equal(isValidEnvName(bad), false, JSON.stringify(bad));
    }
    assert.equal(oracle('__proto__=v').get('__proto__'), undefined, 'dotenv never loads __proto__');
  });
});
