/** HUB_EVIDENCE_S3_*: chosen by the bucket, a half-made configuration refused, no secret in sight. */
import { evidenceS3Settings } from '../../lib/config';

const NAMES = ['ENDPOINT', 'BUCKET', 'REGION', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'FORCE_PATH_STYLE'].map((s) => `HUB_EVIDENCE_S3_${s}`);
const saved = Object.fromEntries([...NAMES, 'NODE_ENV'].map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const [n, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[n];
    else process.env[n] = v;
  }
});
const withEnv = (vars: Record<string, string>) => {
  for (const n of NAMES) delete process.env[n];
  for (const [k, v] of Object.entries(vars)) process.env[`HUB_EVIDENCE_S3_${k}`] = v;
};
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('evidence object store settings', () => {
  it('keeps files in PostgreSQL without a bucket', () => {
    withEnv({});
    expect(evidenceS3Settings()).toBeUndefined();
  });

  it('reads a full configuration, and the secret key is in no serialised form', () => {
    withEnv({ ENDPOINT: 'https://minio.internal:9000', BUCKET: 'evidence', REGION: 'cn-north-1', ACCESS_KEY_ID: 'hub', SECRET_ACCESS_KEY: SECRET, FORCE_PATH_STYLE: 'true' });
    const s = evidenceS3Settings()!;
    expect(s).toMatchObject({ endpoint: 'https://minio.internal:9000', bucket: 'evidence', region: 'cn-north-1', forcePathStyle: true });
    expect(s.credentials?.secretAccessKey).toBe(SECRET);
    expect(JSON.stringify(s)).not.toContain(SECRET);
    expect(JSON.stringify({ ...s, credentials: { ...s.credentials } })).not.toContain(SECRET);
  });

  it('refuses one key without the other, a bad endpoint or path style, anywhere', () => {
    withEnv({ BUCKET: 'evidence', ACCESS_KEY_ID: 'hub' });
    expect(() => evidenceS3Settings()).toThrow(/go together/);
    withEnv({ BUCKET: 'evidence', SECRET_ACCESS_KEY: SECRET });
    expect(() => evidenceS3Settings()).toThrow(/go together/);
    withEnv({ BUCKET: 'evidence', ENDPOINT: 'minio:9000' });
    expect(() => evidenceS3Settings()).toThrow(/HUB_EVIDENCE_S3_ENDPOINT/);
    withEnv({ BUCKET: 'evidence', FORCE_PATH_STYLE: 'yes' });
    expect(() => evidenceS3Settings()).toThrow(/HUB_EVIDENCE_S3_FORCE_PATH_STYLE/);
  });

  it('refuses a half-configured object store in production, naming what is missing and never the secret', () => {
    process.env.NODE_ENV = 'production';
    withEnv({ BUCKET: 'evidence' });
    expect(() => evidenceS3Settings()).toThrow(/HUB_EVIDENCE_S3_REGION, HUB_EVIDENCE_S3_ACCESS_KEY_ID, HUB_EVIDENCE_S3_SECRET_ACCESS_KEY are not/);
    withEnv({ ENDPOINT: 'https://minio.internal:9000', SECRET_ACCESS_KEY: SECRET });
    let message = '';
    try {
      evidenceS3Settings();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/without HUB_EVIDENCE_S3_BUCKET/);
    expect(message).not.toContain(SECRET);
    withEnv({ BUCKET: 'evidence', REGION: 'cn-north-1', ACCESS_KEY_ID: 'hub', SECRET_ACCESS_KEY: SECRET });
    expect(evidenceS3Settings()).toMatchObject({ bucket: 'evidence', forcePathStyle: false });
    // Outside production the SDK's own credentials may serve (an instance role).
    process.env.NODE_ENV = 'test';
    withEnv({ BUCKET: 'evidence' });
    const dev = evidenceS3Settings()!;
    expect(dev).toMatchObject({ bucket: 'evidence', region: 'us-east-1' });
    expect(dev.credentials).toBeUndefined();
  });
});
