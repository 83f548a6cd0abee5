import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './DataDirLock.js';
import { keepProtocolSequencesTogether } from './keepProtocolSequencesTogether.js';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) running inside the engine's process, served on a
 * loopback port the OS picks so Sequelize and pg talk to it like any PostgreSQL server.
 *
 * Measured caveats (ARCHITECTURE.md, decision 3): PGlite runs one transaction at a time for all
 * connections, so a query outside an open transaction waits for it: always pass
 * `{ transaction }`. `maxConnections` must be at least the Sequelize pool size. It has no data
 * directory lock, so DataDirLock guards the directory. The first start of a new directory runs
 * initdb and takes about 5 s; later starts take well under a second. The socket's queue is
 * patched so that one connection's extended-protocol messages run together
 * (keepProtocolSequencesTogether.ts).
 */
export class EmbeddedPostgres {
  private constructor(
    readonly url: string,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    const lock = DataDirLock.acquire(dataDir);
    try {
      const db = await PGlite.create(path.join(dataDir, 'pglite'));
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      keepProtocolSequencesTogether(server);
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(url, db, server, lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock.release();
    }
  }
}
