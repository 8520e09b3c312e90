/**
 * Errors are recognised by brand, not by class: the activation bundle and the files loaded on first
 * use (esbuild.mjs) each hold their own copy of core/errors and core/api/errors. A second copy of
 * the modules is loaded here the way a second bundle holds one, and each copy's checks must accept
 * the other copy's errors.
 */
import * as assert from 'assert';
import * as path from 'path';
import type * as ApiErrorsModule from '../../src/core/api/errors';
import type * as ErrorsModule from '../../src/core/errors';

type Errors = typeof ErrorsModule;
type ApiErrors = typeof ApiErrorsModule;

const errorsFile = require.resolve('../../src/core/errors');
const apiErrorsFile = require.resolve('../../src/core/api/errors');

/** A fresh copy of both modules (the require cache emptied for them first, then put back). */
function freshCopy(): { errors: Errors; api: ApiErrors } {
  const saved = [errorsFile, apiErrorsFile].map((f) => [f, require.cache[f]] as const);
  for (const [f] of saved) delete require.cache[f];
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- a second copy of the modules is the point */
    return { errors: require(errorsFile) as Errors, api: require(apiErrorsFile) as ApiErrors };
  } finally {
    for (const [f, m] of saved) if (m) require.cache[f] = m;
  }
}

describe('error brands across bundle copies', () => {
  const one = freshCopy();
  const two = freshCopy();
  const made = new two.api.ApiError({ kind: 'auth', message: { id: 'api.auth', args: [401] }, method: 'GET', url: 'http://127.0.0.1/v1/orgs' });

  it('the copies are distinct classes, so instanceof alone would miss', () => {
    assert.notStrictEqual(one.api.ApiError, two.api.ApiError);
    assert.ok(!(made instanceof one.api.ApiError));
    assert.ok(path.isAbsolute(errorsFile));
  });

  it('an ApiError of one copy is an ApiError and a user-facing error to the other', () => {
    assert.ok(one.errors.isApiError(made));
    assert.ok(one.errors.isUserFacingError(made));
  });

  it('a user-facing error is not an ApiError; a plain Error or a look-alike object is neither', () => {
    const plain = new two.errors.UserFacingError('Fix the file and try again.');
    assert.ok(one.errors.isUserFacingError(plain));
    assert.ok(!one.errors.isApiError(plain));
    assert.ok(!one.errors.isUserFacingError(new Error('x')));
    assert.ok(!one.errors.isApiError({ kind: 'auth', message: 'x' }));
  });
});
