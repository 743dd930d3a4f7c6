import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendLock, LOCK_FILE, STALE_LOCK_MS, type AppendLockOptions } from '../../../../src/core/ledger/appendLock';
import { faultyFiles, osError } from './faultyFiles';

describe('AppendLock: one window at a time checks and appends', () => {
  let dir: string;
  let files: ReturnType<typeof faultyFiles>;
  let now: number;
  let alive: Set<number>;
  let tokens: number;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'tandem-lock-')), 'ledger');
    files = faultyFiles(dir);
    now = 1_000_000;
    alive = new Set([100, 200]);
    tokens = 0;
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  /** A window (process `pid`) whose waits move the shared virtual clock on. */
  const windowAs = (pid: number, options: Partial<AppendLockOptions> = {}) =>
    new AppendLock({
      files,
      self: { pid, host: 'host-1' },
      isAlive: (p) => alive.has(p),
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
      newToken: () => `t${++tokens}`,
      ...options,
    });

  const holder = async () => JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number; token: string };

  it('is held by one window; the other gets it once it is released', async () => {
    const a = windowAs(100);
    // Real waits here: the holder keeps its lock for a few real milliseconds, far from stale.
    const b = windowAs(200, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const held = await a.acquire();
    assert.ok(held);
    assert.equal((await holder()).pid, 100);
    let bHolds = false;
    const waiting = b.acquire().then((lock) => {
      bHolds = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(bHolds, false, 'the second window waits');
    await held.release();
    const second = await waiting;
    assert.ok(second);
    assert.equal((await holder()).pid, 200);
    await second.release();
    await assert.rejects(readFile(join(dir, LOCK_FILE)), /ENOENT/);
  });

  it('breaks a lock whose holder died, and one held far too long', async () => {
    await (await windowAs(300).acquire())?.release(); // creates the folder
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 300, host: 'host-1', token: 'dead', at: now }));
    const lock = await windowAs(100).acquire();
    assert.ok(lock, 'pid 300 is gone: its lock is stale at once');
    assert.equal((await holder()).pid, 100);
    await lock.release();

    // A live holder on another host (a shared folder): only its age tells.
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 300, host: 'host-2', token: 'far', at: now - STALE_LOCK_MS - 1 }));
    const late = await windowAs(100).acquire();
    assert.ok(late);
    assert.equal((await holder()).pid, 100);
  });

  it('waits for a live holder until its lock is older than any holder keeps it', async () => {
    await (await windowAs(300).acquire())?.release();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 200, host: 'host-1', token: 'live', at: now }));
    const lock = await windowAs(100).acquire();
    // It waited until the holder's lock was old enough to be stale (a holder never keeps it that long).
    assert.ok(lock);
    assert.ok(now - 1_000_000 > STALE_LOCK_MS, `waited ${now - 1_000_000} ms`);
  });

  it('releases only its own lock', async () => {
    const a = windowAs(100);
    const held = await a.acquire();
    assert.ok(held);
    // Its lock was judged stale and taken by another window meanwhile.
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 200, host: 'host-1', token: 'other', at: now }));
    await held.release();
    assert.equal((await holder()).token, 'other');
  });

  it('gives no lock when the folder cannot hold one (a read-only folder), without waiting', async () => {
    files.fail.createExclusive = osError('EROFS', 'read-only file system');
    const started = now;
    assert.equal(await windowAs(100).acquire(), undefined);
    assert.equal(now, started);
  });
});
