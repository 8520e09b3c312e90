/** The mapping of variables to keys held in the keychain (src/core/keys/keychain.ts): names, hosts, rotation, revocation. */
import * as assert from 'node:assert/strict';
import {
  afterRotation,
  forgetMappings,
  type HeldKeyMapping,
  heldKeysOf,
  heldKeysOnHost,
  heldSecretKey,
  holdsKey,
  isHeldSecretKey,
  mapVariable,
  mergeDebugEnvironment,
  readMappings,
  variablesOf,
} from '../../../../src/core/keys/keychain';

const PROD = 'https://api.vued.example';
const STAGING = 'https://staging.vued.example';

function mapping(variable: string, keyId: string, origin = PROD): HeldKeyMapping {
  return { variable, origin, orgId: 'org-1', keyId, keyName: `key ${keyId}`, keyPrefix: `vued_sk_${keyId}` };
}

describe('held keys: the mapping of a workspace', () => {
  describe('readMappings (what workspace state may hold)', () => {
    it('keeps well-formed entries, sorted by variable', () => {
      const stored = [mapping('VUED_B', 'k2'), mapping('VUED_A', 'k1')];
      assert.deepEqual(readMappings(stored).map((m) => m.variable), ['VUED_A', 'VUED_B']);
    });

    it('drops what is not a mapping: wrong types, missing fields, empty ids, unreadable names', () => {
      const stored: unknown[] = [
        null, 'VUED_API_KEY', 42, [],
        { ...mapping('VUED_A', 'k1'), keyId: 7 },
        { variable: 'VUED_B', origin: PROD, keyId: 'k2' },
        { ...mapping('VUED_C', ''), keyId: '' },
        { ...mapping('VUED_D', 'k4'), origin: '' },
        mapping('1BAD', 'k5'),
        mapping('has space', 'k6'),
        mapping('A.B', 'k7'),
        mapping('OK_NAME', 'k8'),
      ];
      assert.deepEqual(readMappings(stored).map((m) => m.variable), ['OK_NAME']);
      assert.deepEqual(readMappings(undefined), []);
      assert.deepEqual(readMappings({ VUED_A: mapping('VUED_A', 'k1') }), []);
    });

    it('keeps only the fields of a mapping (a value stored by mistake next to them is not carried on)', () => {
      const [m] = readMappings([{ ...mapping('VUED_A', 'k1'), secret: 'vued_sk_leak' }]);
      assert.deepEqual(Object.keys(m).sort(), ['keyId', 'keyName', 'keyPrefix', 'orgId', 'origin', 'variable']);
    });

    it('a variable stored twice stands for the later key', () => {
      assert.deepEqual(readMappings([mapping('VUED_A', 'k1'), mapping('VUED_A', 'k2')]).map((m) => m.keyId), ['k2']);
    });
  });

  describe('mapVariable (names)', () => {
    it('adds a variable, and says which other key it stood for when it replaces one', () => {
      const first = mapVariable([], mapping('VUED_API_KEY', 'k1'));
      assert.deepEqual(first.mappings.map((m) => `${m.variable}=${m.keyId}`), ['VUED_API_KEY=k1']);
      assert.equal(first.replaced, undefined);
      const again = mapVariable(first.mappings, mapping('VUED_API_KEY', 'k2'));
      assert.deepEqual(again.mappings.map((m) => `${m.variable}=${m.keyId}`), ['VUED_API_KEY=k2']);
      assert.equal(again.replaced?.keyId, 'k1');
      assert.equal(mapVariable(again.mappings, mapping('VUED_API_KEY', 'k2')).replaced, undefined, 'the same key again replaces nothing');
    });

    it('one key may stand behind several variables', () => {
      const { mappings } = mapVariable(mapVariable([], mapping('A_KEY', 'k1')).mappings, mapping('B_KEY', 'k1'));
      assert.deepEqual(variablesOf(mappings, { origin: PROD, keyId: 'k1' }), ['A_KEY', 'B_KEY']);
    });

    it('refuses the names Insert refuses (newEnvVariableNameProblem), and takes the ones it takes', () => {
      for (const bad of ['', '1ABC', 'A-B', 'A.B', 'A B', 'É', 'A=B']) {
        assert.throws(() => mapVariable([], mapping(bad, 'k1')), Error, bad);
      }
      for (const good of ['VUED_API_KEY', '_x', 'a1', 'Z']) {
        assert.equal(mapVariable([], mapping(good, 'k1')).mappings[0].variable, good);
      }
    });
  });

  describe('hosts', () => {
    it('a key id of one host is not the same key on another host', () => {
      const list = [mapping('PROD_KEY', 'k1', PROD), mapping('STAGING_KEY', 'k1', STAGING)];
      assert.deepEqual(variablesOf(list, { origin: STAGING, keyId: 'k1' }), ['STAGING_KEY']);
      assert.notEqual(heldSecretKey(PROD, 'k1'), heldSecretKey(STAGING, 'k1'));
      assert.deepEqual(heldKeysOnHost(list, STAGING).map((k) => k.variables), [['STAGING_KEY']]);
      assert.deepEqual(heldKeysOnHost(list, 'https://other.example'), []);
    });

    it('a held secret has a SecretStorage key of its own, apart from the access tokens', () => {
      assert.ok(isHeldSecretKey(heldSecretKey(PROD, 'k1')));
      assert.ok(!isHeldSecretKey(`vued.accessToken@${PROD}`));
    });

    it('heldKeysOf groups the variables of each key', () => {
      const list = readMappings([mapping('B', 'k2'), mapping('A', 'k1'), mapping('C', 'k1'), mapping('D', 'k1', STAGING)]);
      assert.deepEqual(heldKeysOf(list).map((k) => `${k.origin} ${k.keyId}: ${k.variables.join(',')}`), [
        `${PROD} k1: A,C`,
        `${PROD} k2: B`,
        `${STAGING} k1: D`,
      ]);
    });
  });

  describe('forgetMappings (Forget, revocation, sign-out)', () => {
    const list = readMappings([mapping('A', 'k1'), mapping('B', 'k1'), mapping('C', 'k2')]);

    it('forgets every variable of a key, and its secret is no longer used', () => {
      const r = forgetMappings(list, { origin: PROD, keyId: 'k1' });
      assert.deepEqual(r.mappings.map((m) => m.variable), ['C']);
      assert.deepEqual(r.removed.map((m) => m.variable), ['A', 'B']);
      assert.equal(r.secretUnused, true);
    });

    it('forgets one variable; the key stays held for the other', () => {
      const r = forgetMappings(list, { origin: PROD, keyId: 'k1' }, ['A']);
      assert.deepEqual(r.mappings.map((m) => m.variable), ['B', 'C']);
      assert.equal(r.secretUnused, false);
      assert.equal(holdsKey(r.mappings, { origin: PROD, keyId: 'k1' }), true);
    });

    it('a variable of another key is never forgotten by naming it', () => {
      const r = forgetMappings(list, { origin: PROD, keyId: 'k1' }, ['C']);
      assert.deepEqual(r.removed, []);
      assert.equal(r.mappings.length, 3);
    });

    it('the same key id on another host is left alone', () => {
      const r = forgetMappings(list, { origin: STAGING, keyId: 'k1' });
      assert.deepEqual(r.removed, []);
      assert.equal(r.secretUnused, true, 'nothing here holds the staging key');
    });
  });

  describe('afterRotation', () => {
    it('every variable of the old key now stands for the new one; others are untouched', () => {
      const list = readMappings([mapping('A', 'k1'), mapping('B', 'k1'), mapping('C', 'k2'), mapping('D', 'k1', STAGING)]);
      const r = afterRotation(list, { origin: PROD, keyId: 'k1' }, { id: 'k9', name: 'key k1 (rotated)', keyPrefix: 'vued_sk_k9' });
      assert.deepEqual(r.moved, ['A', 'B']);
      assert.deepEqual(r.mappings.map((m) => `${m.variable}=${m.origin === PROD ? '' : 'staging:'}${m.keyId}/${m.keyPrefix}`), [
        'A=k9/vued_sk_k9',
        'B=k9/vued_sk_k9',
        'C=k2/vued_sk_k2',
        'D=staging:k1/vued_sk_k1',
      ]);
      assert.equal(r.mappings[0].orgId, 'org-1', 'same organization');
      assert.equal(r.mappings[0].keyName, 'key k1 (rotated)');
    });

    it('a key this workspace does not hold moves nothing', () => {
      const list = readMappings([mapping('A', 'k1')]);
      const r = afterRotation(list, { origin: PROD, keyId: 'k7' }, { id: 'k9', name: 'n', keyPrefix: 'p' });
      assert.deepEqual(r.moved, []);
      assert.deepEqual(r.mappings, list);
    });
  });

  describe('mergeDebugEnvironment', () => {
    const held = { VUED_API_KEY: 'vued_sk_held', OTHER_KEY: 'vued_sk_other' };

    it('adds the held variables to a configuration without env', () => {
      assert.deepEqual(mergeDebugEnvironment(undefined, held), { env: { OTHER_KEY: 'vued_sk_other', VUED_API_KEY: 'vued_sk_held' }, added: ['OTHER_KEY', 'VUED_API_KEY'], explicit: [] });
    });

    it('keeps every entry of the configuration, and an explicit value wins (null included)', () => {
      const r = mergeDebugEnvironment({ VUED_API_KEY: 'explicit', OTHER_KEY: null, PORT: '3000' }, held);
      assert.deepEqual(r.env, { VUED_API_KEY: 'explicit', OTHER_KEY: null, PORT: '3000' });
      assert.deepEqual(r.added, []);
      assert.deepEqual(r.explicit, ['OTHER_KEY', 'VUED_API_KEY']);
    });

    it('does not change the configuration object it is given', () => {
      const env = { PORT: '3000' };
      mergeDebugEnvironment(env, held);
      assert.deepEqual(env, { PORT: '3000' });
    });

    it('leaves an env that is not an object alone', () => {
      for (const odd of ['A=1', 42, ['A=1'], true]) {
        assert.deepEqual(mergeDebugEnvironment(odd, held), { env: undefined, added: [], explicit: [] }, String(odd));
      }
      assert.deepEqual(mergeDebugEnvironment(null, held).added, ['OTHER_KEY', 'VUED_API_KEY'], 'null is an empty env');
    });
  });
});
