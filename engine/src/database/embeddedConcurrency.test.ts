import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from './EmbeddedPostgres.js';

/**
 * The embedded PGlite is one backend session behind a socket that several connections share.
 * An extended-protocol query is several messages (Parse, Bind, Describe, Execute, Sync): if
 * another connection's Parse ran between them, the first connection's Bind would meet the other
 * statement ("bind message supplies 2 parameters, but prepared statement requires 4").
 */
let dir: string;
let embedded: EmbeddedPostgres;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-embedded-concurrency-'));
  embedded = await EmbeddedPostgres.start(dir, 8);
});
afterAll(async () => {
  await embedded?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database under concurrent connections', () => {
  it('given six connections each running parameterised queries of a different shape at once, then every query gets its own answer', async () => {
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new pg.Client({ connectionString: embedded.url });
        await client.connect();
        return client;
      }),
    );
    try {
      const results = await Promise.all(
        clients.map(async (client, c) => {
          const params = Array.from({ length: c + 1 }, (_, i) => `${c}-${i}`);
          const columns = params.map((_, i) => `$${i + 1}::text AS p${i}`).join(', ');
          let right = 0;
          for (let round = 0; round < 150; round++) {
            const { rows } = await client.query(`SELECT ${columns}, ${round} AS round`, params);
            if (rows[0].round === round && rows[0][`p${c}`] === params[c]) right++;
          }
          return right;
        }),
      );
      expect(results).toEqual(Array(6).fill(150));
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('given a transaction open on one connection while four others queue queries of different shapes, then each of them gets its own answer once it commits', async () => {
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new pg.Client({ connectionString: embedded.url });
        await client.connect();
        return client;
      }),
    );
    const [a, ...others] = clients as [pg.Client, ...pg.Client[]];
    try {
      for (let round = 0; round < 20; round++) {
        await a.query('BEGIN');
        await a.query('SELECT $1::int AS n', [round]);
        const waiting = others.map((client, c) => {
          const params = Array.from({ length: c + 1 }, (_, i) => c * 10 + i);
          const columns = params.map((_, i) => `$${i + 1}::int AS p${i}`).join(', ');
          return client.query(`SELECT ${columns}`, params);
        });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await a.query('COMMIT');
        const answers = await Promise.all(waiting);
        expect(answers.map((r, c) => r.rows[0][`p${c}`])).toEqual([0, 11, 22, 33]);
      }
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});
