/** The orphan journal (src/core/keys/journal.ts): what it stores, and how the orphan is found. */
import assert from 'node:assert/strict';
import {
  ELSEWHERE_QUIET_MS,
  findOrphan,
  judgeEntry,
  judgeJournal,
  journalEntry,
  ORPHAN_WINDOW,
  orphanMessage,
  orphanUnknownMessage,
  placeName,
  readJournal,
  samePlace,
  staleEntryMessage,
  withEntry,
  withFileDone,
  withoutEntry,
  type JournalEntry,
  type JournalHere,
  type JournalPlace,
} from '../../../../src/core/keys/journal';
import { apiKey } from '../../../support/builders';

const ORG = '0b6a8f4e-5c1d-4e2a-9f3b-7d8c6e5a4b3c';
const STARTED = Date.UTC(2026, 11, 1, 10, 0, 0);

const create = journalEntry({ intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy' }, STARTED, 'e1');
const rotate = journalEntry(
  { intent: 'rotate', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', oldKeyId: 'old', files: ['.env', 'apps/api/.env.local'] },
  STARTED,
  'e2',
);

describe('journal: entries', () => {
  it('holds ids, names and times only', () => {
    assert.deepEqual(create, { id: 'e1', intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', startedAt: STARTED });
    assert.deepEqual(Object.keys(rotate).sort(), ['files', 'id', 'intent', 'keyName', 'oldKeyId', 'organizationId', 'origin', 'startedAt']);
  });

  it('reads back what globalState holds, dropping malformed entries and unknown fields (a secret never travels on)', () => {
    const stored = JSON.parse(JSON.stringify([create, { ...rotate, secret: 'vued_sk_leak', token: 't' }, { id: 'x' }, null, 'junk', { ...create, id: 'e3', intent: 'delete' }]));
    const read = readJournal(stored);
    assert.deepEqual(read, [create, rotate]);
    assert.doesNotMatch(JSON.stringify(read), /vued_sk_leak/);
    assert.deepEqual(readJournal(undefined), []);
    assert.deepEqual(readJournal({}), []);
  });

  it('keeps the writing host\'s pid, and only a positive whole number', () => {
    const owned = journalEntry({ intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', hostPid: 4242 }, STARTED, 'e4');
    assert.strictEqual(owned.hostPid, 4242);
    const read = readJournal(JSON.parse(JSON.stringify([owned, { ...owned, id: 'e5', hostPid: -1 }, { ...owned, id: 'e6', hostPid: '7' }])));
    assert.deepEqual(read.map((e) => e.hostPid), [4242, undefined, undefined]);
  });

  it('keeps where its window runs, and reads a malformed place as unknown (never as a local one)', () => {
    const place: JournalPlace = { hostName: 'build-box', remoteName: 'ssh-remote', machineId: 'm1', pidNamespace: 'pid:[4026531836]' };
    const placed = journalEntry({ intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', hostPid: 4242, place }, STARTED, 'e7');
    assert.deepEqual(placed.place, place);
    assert.notEqual(placed.place, place, 'a copy');
    const stored = JSON.parse(JSON.stringify([
      placed,
      { ...placed, id: 'e8', place: { ...place, remoteName: 7 } },
      { ...placed, id: 'e9', place: { remoteName: 'wsl' } },
      { ...placed, id: 'e10', place: { hostName: 'h', token: 'vued_sk_leak' } },
      { ...placed, id: 'e11', place: 'build-box' },
    ]));
    assert.deepEqual(readJournal(stored).map((e) => e.place), [place, undefined, undefined, { hostName: 'h' }, undefined]);
    assert.doesNotMatch(JSON.stringify(readJournal(stored)), /vued_sk_leak/);
  });

  it('adds, replaces and clears one entry without touching another', () => {
    let j = withEntry([], create);
    j = withEntry(j, rotate);
    j = withEntry(j, withFileDone(rotate, '.env'));
    assert.deepEqual(j.map((e) => e.id), ['e1', 'e2']);
    assert.deepEqual(j[1].files, ['apps/api/.env.local']);
    assert.deepEqual(withoutEntry(j, 'e1'), [j[1]]);
  });
});

describe('journal: findOrphan', () => {
  const ms = (n: number) => STARTED + n;
  const secs = (n: number) => Math.floor((STARTED + n) / 1000);

  it('finds the key of that name created just after startedAt (ms or seconds timestamps)', () => {
    const orphan = apiKey('new', { name: 'CI deploy', createdAt: ms(1_500) });
    const keys = [apiKey('a', { name: 'CI deploy', createdAt: ms(-86_400_000) }), apiKey('b', { name: 'Other', createdAt: ms(1_000) }), orphan];
    assert.deepEqual(findOrphan(create, keys), { kind: 'found', key: orphan });
    const inSeconds = apiKey('new', { name: 'CI deploy', createdAt: secs(2_000) });
    assert.deepEqual(findOrphan(create, [inSeconds]), { kind: 'found', key: inSeconds });
  });

  it('allows for a server clock a little behind, but not a key from before the window', () => {
    assert.equal(findOrphan(create, [apiKey('k', { name: 'CI deploy', createdAt: ms(-ORPHAN_WINDOW.beforeMs + 1_000) })]).kind, 'found');
    assert.equal(findOrphan(create, [apiKey('k', { name: 'CI deploy', createdAt: ms(-ORPHAN_WINDOW.beforeMs - 1_000) })]).kind, 'none');
    assert.equal(findOrphan(create, [apiKey('k', { name: 'CI deploy', createdAt: ms(ORPHAN_WINDOW.afterMs + 1_000) })]).kind, 'none');
  });

  it('never takes the key being rotated, a revoked key, or another name', () => {
    const keys = [apiKey('old', { name: 'CI deploy', createdAt: ms(500) }), apiKey('r', { name: 'CI deploy', createdAt: ms(600), revokedAt: ms(700) }), apiKey('n', { name: 'ci deploy', createdAt: ms(800) })];
    assert.deepEqual(findOrphan(rotate, keys), { kind: 'none' });
    const fresh = apiKey('new', { name: 'CI deploy', createdAt: ms(900) });
    assert.deepEqual(findOrphan(rotate, [...keys, fresh]), { kind: 'found', key: fresh });
  });

  it('says when it cannot tell: two candidates', () => {
    const two = [apiKey('x', { name: 'CI deploy', createdAt: ms(1_000) }), apiKey('y', { name: 'CI deploy', createdAt: ms(2_000) })];
    const r = findOrphan(create, two);
    assert.equal(r.kind, 'ambiguous');
    assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((k) => k.id), ['x', 'y']);
    assert.equal(
      orphanUnknownMessage(create, r),
      'Creating the key "CI deploy" was interrupted, and 2 keys of that name were created around then, so it cannot be told which one it was. Review them in the Vued view.',
    );
    assert.match(orphanUnknownMessage(create, { kind: 'none' }), /no key of that name was created then/);
  });
});

describe('journal: messages', () => {
  const orphan = apiKey('new', { name: 'CI deploy', createdAt: STARTED + 1_000 });
  const date = () => '2026-12-01 10:00';

  it('names the key and when it was created', () => {
    assert.equal(orphanMessage(create, orphan, date), 'A key "CI deploy" was created on 2026-12-01 10:00 but its secret was never saved.');
  });

  it('for a rotation, says which files still hold the old key', () => {
    const e: JournalEntry = withFileDone(rotate, '.env');
    assert.equal(
      orphanMessage(e, orphan, date),
      'A key "CI deploy" was created on 2026-12-01 10:00 but its secret was never saved (it was to replace the old key in a rotation). apps/api/.env.local still holds the old key.',
    );
    assert.match(orphanMessage(rotate, orphan, date), /\.env, apps\/api\/\.env\.local still hold the old key\.$/);
  });
});

describe('journal: which entries a window judges', () => {
  const place: JournalPlace = { hostName: 'vm', machineId: 'm1', pidNamespace: 'pid:[4026531836]' };
  const here: JournalHere = { pid: 100, place };
  const NOW = STARTED + 60_000;
  const entry = (hostPid: number | undefined, where: JournalPlace | undefined, startedAt = STARTED): JournalEntry =>
    journalEntry({ intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', hostPid, place: where }, startedAt, `e-${hostPid}`);
  const running = new Set([100, 200]);
  const asked: number[] = [];
  const isAlive = (pid: number) => {
    asked.push(pid);
    return running.has(pid);
  };

  it('same place: by its pid (this window, another running window, a window that is gone)', () => {
    assert.equal(judgeEntry(entry(100, place), here, NOW, isAlive), 'running');
    assert.equal(judgeEntry(entry(200, place), here, NOW, isAlive), 'running');
    assert.equal(judgeEntry(entry(300, place), here, NOW, isAlive), 'orphan');
    assert.equal(judgeEntry(entry(undefined, { ...place }), here, NOW, isAlive), 'orphan', 'no pid at all: nothing can still be running it');
  });

  it('another machine, remote or PID namespace: never by its pid; left alone for a week, then named', () => {
    asked.length = 0;
    const others: JournalPlace[] = [
      { ...place, hostName: 'other' },
      { ...place, remoteName: 'ssh-remote' },
      { ...place, pidNamespace: 'pid:[4026532175]' },
      { hostName: 'vm', machineId: 'm1' },
      { ...place, machineId: 'm2' },
    ];
    for (const where of others) {
      assert.equal(judgeEntry(entry(300, where), here, NOW, isAlive), 'elsewhere', JSON.stringify(where));
      assert.equal(judgeEntry(entry(300, where), here, STARTED + ELSEWHERE_QUIET_MS, isAlive), 'elsewhere', 'a week to the millisecond');
      assert.equal(judgeEntry(entry(300, where), here, STARTED + ELSEWHERE_QUIET_MS + 1, isAlive), 'stale');
    }
    assert.deepEqual(asked, [], 'no pid was asked about');
  });

  it('an entry of an earlier version (no place) is of unknown place: left alone for a week', () => {
    asked.length = 0;
    const old = readJournal([{ id: 'old', intent: 'create', origin: 'https://api.vued.example', organizationId: ORG, keyName: 'CI deploy', startedAt: STARTED, hostPid: 300 }])[0];
    assert.equal(judgeEntry(old, here, NOW, isAlive), 'elsewhere');
    assert.equal(judgeEntry(old, here, STARTED + 8 * 24 * 60 * 60_000, isAlive), 'stale');
    assert.deepEqual(asked, []);
  });

  it('judgeJournal sorts the list into orphans and stale entries, and leaves the rest', () => {
    const gone = entry(300, place);
    const live = entry(200, place);
    const away = entry(400, { ...place, hostName: 'other' });
    const awayOld = { ...entry(500, { ...place, remoteName: 'wsl' }, NOW - ELSEWHERE_QUIET_MS - 1) };
    assert.deepEqual(judgeJournal([gone, live, away, awayOld], here, NOW, isAlive), { orphans: [gone], stale: [awayOld] });
  });

  it('samePlace compares every field, absent ones included', () => {
    assert.ok(samePlace(place, { ...place }));
    assert.ok(samePlace({ hostName: 'a' }, { hostName: 'a' }));
    assert.ok(!samePlace({ hostName: 'a' }, { hostName: 'a', remoteName: 'wsl' }));
  });
});

describe('journal: naming an entry of elsewhere', () => {
  const here: JournalPlace = { hostName: 'vm', pidNamespace: 'pid:[1]' };
  const date = () => '2026-12-01 10:00';

  it('says where: the host, its remote, and the PID namespace when only that differs', () => {
    assert.equal(placeName({ hostName: 'build-box', remoteName: 'ssh-remote', pidNamespace: 'pid:[1]' }, here), 'build-box (ssh-remote)');
    assert.equal(placeName({ hostName: 'laptop' }, here), 'laptop');
    assert.equal(placeName({ hostName: 'vm', pidNamespace: 'pid:[4026532175]' }, here), 'vm (pid:[4026532175])');
    assert.equal(placeName(undefined, here), undefined);
  });

  it('names the key, when and where it was started', () => {
    const e = { ...create, place: { hostName: 'build-box', remoteName: 'ssh-remote' } };
    assert.equal(
      staleEntryMessage(e, here, date),
      'Creating the key "CI deploy" was started on 2026-12-01 10:00 by a window on build-box (ssh-remote) and has not finished for over a week. If that window is gone, the key may exist with its secret never saved.',
    );
    assert.equal(
      staleEntryMessage(rotate, here, date),
      'Rotating the key "CI deploy" was started on 2026-12-01 10:00 by a window that did not record where it ran and has not finished for over a week. If that window is gone, a new key may exist with its secret never saved.',
    );
  });
});
