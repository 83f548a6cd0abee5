import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * An exclusive lock on a data directory. PGlite has no lock of its own, and two processes
 * writing one PGlite directory corrupt it, so the engine takes this lock before opening it. A lock
 * left by a process that no longer runs (on this host) is taken over.
 */
export class DataDirLock {
  private constructor(
    readonly file: string,
    private readonly owner: LockOwner,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'formwork.lock');
    const owner: LockOwner = {
      pid: process.pid,
      host: os.hostname(),
      startedAt: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(owner), { flag: 'wx' });
        return new DataDirLock(file, owner);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readOwner(file);
      const stale = holder && holder.host === owner.host && !isAlive(holder.pid);
      if (!stale) {
        const who = holder
          ? `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}`
          : 'an unknown process';
        throw new DataDirLockedError(
          `数据目录正被另一个 Formwork 进程使用 / DATA_DIR ${dataDir} is in use by another Formwork process (${who}). ` +
            `Stop that process or set DATA_DIR to another directory. If no Formwork process is running, delete ${file}.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
    throw new DataDirLockedError(`Could not take the lock ${file}`);
  }

  release(): void {
    const holder = readOwner(this.file);
    if (holder?.pid === this.owner.pid && holder.startedAt === this.owner.startedAt) {
      fs.rmSync(this.file, { force: true });
    }
  }
}
