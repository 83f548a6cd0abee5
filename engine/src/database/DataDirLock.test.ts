import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock, DataDirLockedError } from './DataDirLock.js';

describe('DataDirLock', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second holder with a message naming the directory and the holder', () => {
    const dir = freshDir();
    const lock = DataDirLock.acquire(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
    expect(() => DataDirLock.acquire(dir)).toThrow(
      new RegExp(`DATA_DIR ${dir} is in use by another Formwork process \\(pid ${process.pid}`),
    );
    lock.release();
    expect(fs.existsSync(path.join(dir, 'formwork.lock'))).toBe(false);
    DataDirLock.acquire(dir).release();
  });

  it('takes over a lock left by a process that has exited', () => {
    const dir = freshDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    fs.writeFileSync(
      path.join(dir, 'formwork.lock'),
      JSON.stringify({ pid: deadPid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const lock = DataDirLock.acquire(dir);
    const owner = JSON.parse(fs.readFileSync(lock.file, 'utf8'));
    expect(owner.pid).toBe(process.pid);
    lock.release();
  });

  it('does not remove a lock it no longer owns', () => {
    const dir = freshDir();
    const lock = DataDirLock.acquire(dir);
    const other = JSON.stringify({ pid: 1, host: os.hostname(), startedAt: 'x' });
    fs.writeFileSync(lock.file, other);
    lock.release();
    expect(fs.readFileSync(lock.file, 'utf8')).toBe(other);
  });
});
