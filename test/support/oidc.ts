import path from 'node:path';
import readline from 'node:readline';
import { spawn, type ChildProcess } from 'node:child_process';

export interface TestAccount {
  agency?: string;
  region?: string;
  roles?: string[];
  name?: string;
}

export interface ProviderOptions {
  audience: string;
  /** Where the console's sign-in and sign-out come back to. */
  redirectUri?: string;
  accessTokenTtl?: number;
  /** The provider's names for the hub's claims (a dotted name nests, e.g. realm_access.roles). */
  claimNames?: Partial<Record<'agency' | 'region' | 'roles' | 'name', string>>;
  /** By login name (browser) or client id (client credentials: hub-robot). */
  accounts: Record<string, TestAccount>;
  alg?: 'RS256' | 'ES256' | 'EdDSA';
}

export interface TestProvider {
  issuer: string;
  /** An access token by the client credentials grant (client hub-robot), for `resource`. */
  clientCredentialsToken(resource?: string): Promise<string>;
  /** A new signing key, published beside the old one (a key rollover). */
  rotateKey(alg?: string): Promise<{ kid: string }>;
  setRedirectUri(uri: string): Promise<unknown>;
  /** A JWT signed with the provider's current key, with whatever claims and header. */
  sign(payload: Record<string, unknown>, header?: Record<string, unknown>): Promise<{ token: string; publicJwk: Record<string, string> }>;
  stop(): Promise<void>;
}

/** Starts test/support/oidc-provider.mjs (oidc-provider, an ES module) in a child process. */
export async function startProvider(o: ProviderOptions): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs'), JSON.stringify(o)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${stderr.join('')}`)));
  });
  const post = async <T>(p: string, body: unknown): Promise<T> => {
    const res = await fetch(`${issuer}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    issuer,
    async clientCredentialsToken(resource = o.audience) {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('hub-robot:robot-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'hub' }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    rotateKey: (alg) => post('/_test/rotate', { alg }),
    setRedirectUri: (redirectUri) => post('/_test/redirect', { redirectUri }),
    sign: (payload, header) => post('/_test/sign', { payload, header }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
