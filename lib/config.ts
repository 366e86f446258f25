/** Every setting comes from the environment; docs/configuration.md lists them. */

export const SERVICE_NAMES = ['leads', 'union', 'inspection', 'litigation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  leads: 4001,
  union: 4002,
  inspection: 4003,
  litigation: 4004,
};

/** Known to everyone who reads this repository: fine on a laptop, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';
export const DEVELOPMENT_INTERNAL_SECRET = 'development-only-internal-secret';

const env = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
};

export const isProduction = () => process.env.NODE_ENV === 'production';

export function jwtSecret(): string {
  const secret = env('HUB_JWT_SECRET') ?? DEVELOPMENT_JWT_SECRET;
  // With an OpenID provider, HS256 tokens are not accepted at all: no secret is needed then.
  if (env('HUB_OIDC_ISSUER') && secret === DEVELOPMENT_JWT_SECRET) return secret;
  if (isProduction() && secret === DEVELOPMENT_JWT_SECRET) {
    throw new Error(
      'HUB_JWT_SECRET is not set: refusing to start in production with the built-in development secret. ' +
        'Set HUB_JWT_SECRET to a long random value shared by the gateway and every service.',
    );
  }
  if (isProduction() && secret.length < 32) {
    throw new Error('HUB_JWT_SECRET must be at least 32 characters in production.');
  }
  return secret;
}

/**
 * Real secrets are in use once NODE_ENV=production, an OpenID provider signs the tokens
 * (HUB_OIDC_ISSUER), or HUB_JWT_SECRET is not the development one:
 * then no other secret may be the development one (anyone who reads this repository could sign
 * outbox messages and gateway calls with it) or short. With the development JWT secret outside
 * production, the development defaults stay valid (tests, `npm start` on a laptop).
 */
export const realSecretsInUse = () => isProduction() || !!env('HUB_OIDC_ISSUER') || (env('HUB_JWT_SECRET') ?? DEVELOPMENT_JWT_SECRET) !== DEVELOPMENT_JWT_SECRET;

const MIN_SECRET_LENGTH = 32;
const why = () => (isProduction() ? 'NODE_ENV=production' : env('HUB_OIDC_ISSUER') ? 'HUB_OIDC_ISSUER is set' : 'HUB_JWT_SECRET is a real secret');

/** Signs messages between services (outbox delivery) and the gateway's calls to subgraphs. */
export function internalSecret(): string {
  const secret = env('HUB_INTERNAL_SECRET') ?? DEVELOPMENT_INTERNAL_SECRET;
  if (!realSecretsInUse()) return secret;
  if (secret === DEVELOPMENT_INTERNAL_SECRET) {
    throw new Error(
      `HUB_INTERNAL_SECRET is ${env('HUB_INTERNAL_SECRET') ? 'the built-in development secret' : 'not set'}: refusing to start with it while ${why()}. ` +
        `Set HUB_INTERNAL_SECRET to a long random value (${MIN_SECRET_LENGTH}+ characters, not the JWT secret) shared by the gateway and every service.`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`HUB_INTERNAL_SECRET must be at least ${MIN_SECRET_LENGTH} characters while ${why()}.`);
  if (secret === env('HUB_JWT_SECRET')) throw new Error('HUB_INTERNAL_SECRET must differ from HUB_JWT_SECRET: whoever issues staff tokens must not be able to sign messages between services.');
  return secret;
}

/**
 * The static subgraph key (docs/security.md), when set. Read on every call (an operator may set it
 * for one subgraph's run); checked at start by `checkSecrets`.
 */
export const gatewayKey = (): string | undefined => env('HUB_GATEWAY_KEY');

/** Every secret a server needs, checked once at start: a bad one stops it with the setting to fix. */
export function checkSecrets(): void {
  jwtSecret();
  internalSecret();
  const key = gatewayKey();
  if (key !== undefined && realSecretsInUse() && key.length < MIN_SECRET_LENGTH) {
    throw new Error(`HUB_GATEWAY_KEY must be at least ${MIN_SECRET_LENGTH} random characters while ${why()} (it is ${key.length}); set a longer one, or unset it if no gateway needs it.`);
  }
}

export function servicePort(name: ServiceName | 'gateway'): number {
  const v = env(name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`);
  return v ? Number(v) : DEFAULT_PORTS[name];
}

/** Base URL (no path) where a service listens, as the others should reach it. */
export function serviceBaseUrl(name: ServiceName): string {
  return (env(`${name.toUpperCase()}_URL`) ?? `http://localhost:${servicePort(name)}`).replace(/\/+$/, '');
}

/**
 * A service's own database. <NAME>_DATABASE_URL wins; otherwise DATABASE_URL names the server and
 * each service gets its own database `hub_<name>` on it.
 */
export function serviceDatabaseUrl(name: ServiceName, serverUrl = env('DATABASE_URL')): string {
  const own = env(`${name.toUpperCase()}_DATABASE_URL`);
  if (own) return own;
  if (!serverUrl) {
    throw new Error(`No database configured for the ${name} service: set DATABASE_URL or ${name.toUpperCase()}_DATABASE_URL.`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${env('HUB_DATABASE_PREFIX') ?? 'hub_'}${name}`;
  return url.toString();
}

export function numberSetting(name: string, fallback: number): number {
  const v = env(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
  return n;
}

/** Where evidence files go when they go to an S3-compatible object store (docs/evidence.md). */
export interface EvidenceS3Settings {
  endpoint?: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  /** Both or neither: without them the AWS SDK's own chain (instance role, AWS_* variables) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const S3_SETTINGS = ['ENDPOINT', 'BUCKET', 'REGION', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'FORCE_PATH_STYLE'].map((s) => `HUB_EVIDENCE_S3_${s}`);

/**
 * The object store for evidence files, or undefined to keep them in PostgreSQL (the default):
 * chosen by HUB_EVIDENCE_S3_BUCKET. A half-made configuration stops the server rather than
 * quietly putting files somewhere else; in production every setting but the endpoint and path
 * style must be given. The secret key is never in a message.
 */
export function evidenceS3Settings(): EvidenceS3Settings | undefined {
  const given = S3_SETTINGS.filter((s) => env(s) !== undefined);
  const bucket = env('HUB_EVIDENCE_S3_BUCKET');
  if (!bucket) {
    if (given.length && isProduction()) throw new Error(`${given.join(', ')} set without HUB_EVIDENCE_S3_BUCKET: set the bucket to keep evidence files in the object store, or unset them to keep them in PostgreSQL.`);
    return undefined;
  }
  const accessKeyId = env('HUB_EVIDENCE_S3_ACCESS_KEY_ID');
  const secretAccessKey = env('HUB_EVIDENCE_S3_SECRET_ACCESS_KEY');
  if (!accessKeyId !== !secretAccessKey) throw new Error('HUB_EVIDENCE_S3_ACCESS_KEY_ID and HUB_EVIDENCE_S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK\'s own credentials.');
  if (isProduction()) {
    const missing = ['HUB_EVIDENCE_S3_REGION', 'HUB_EVIDENCE_S3_ACCESS_KEY_ID', 'HUB_EVIDENCE_S3_SECRET_ACCESS_KEY'].filter((s) => env(s) === undefined);
    if (missing.length) throw new Error(`HUB_EVIDENCE_S3_BUCKET is set but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not: refusing to start in production with a half-configured object store.`);
  }
  const endpoint = env('HUB_EVIDENCE_S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new Error(`HUB_EVIDENCE_S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  const pathStyle = env('HUB_EVIDENCE_S3_FORCE_PATH_STYLE');
  if (pathStyle !== undefined && !['true', 'false'].includes(pathStyle)) throw new Error(`HUB_EVIDENCE_S3_FORCE_PATH_STYLE must be true or false, got "${pathStyle}"`);
  const settings: EvidenceS3Settings = { endpoint, bucket, region: env('HUB_EVIDENCE_S3_REGION') ?? 'us-east-1', forcePathStyle: pathStyle === 'true' };
  if (accessKeyId && secretAccessKey) {
    // Not enumerable: a settings object logged or serialised by mistake carries no secret.
    settings.credentials = Object.defineProperty({ accessKeyId } as { accessKeyId: string; secretAccessKey: string }, 'secretAccessKey', { value: secretAccessKey, enumerable: false });
  }
  return settings;
}

/** When deadlines notify and escalate, in working days (docs/configuration.md, docs/notifications.md). */
export interface DeadlineSettings {
  /** A transfer's 受理期限: accept or return within this many working days of its sending. */
  acceptWorkingDays: number;
  /** The receiver is reminded once this many working days (or fewer) are left to accept. */
  acceptanceSoonWorkingDays: number;
  /** The receiver is reminded once this many working days (or fewer) are left to give feedback. */
  feedbackSoonWorkingDays: number;
  /** Inspection is reminded once this many working days (or fewer) are left to finish an investigation. */
  investigationSoonWorkingDays: number;
  /** A transfer still not accepted this many working days past its 受理期限 escalates (0: at the deadline). */
  escalateAcceptanceAfterWorkingDays: number;
  /** Feedback this many working days overdue escalates to the receiver's supervisors. */
  escalateFeedbackAfterWorkingDays: number;
}

const wholeDays = (name: string, fallback: number) => {
  const n = numberSetting(name, fallback);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number of working days, got "${n}"`);
  return n;
};

export function deadlineSettings(): DeadlineSettings {
  const s = {
    acceptWorkingDays: wholeDays('HUB_ACCEPT_WORKING_DAYS', 5),
    acceptanceSoonWorkingDays: wholeDays('HUB_ACCEPTANCE_SOON_WORKING_DAYS', 1),
    feedbackSoonWorkingDays: wholeDays('HUB_FEEDBACK_SOON_WORKING_DAYS', 2),
    investigationSoonWorkingDays: wholeDays('HUB_INVESTIGATION_SOON_WORKING_DAYS', 5),
    escalateAcceptanceAfterWorkingDays: wholeDays('HUB_ESCALATE_ACCEPTANCE_AFTER_WORKING_DAYS', 0),
    escalateFeedbackAfterWorkingDays: wholeDays('HUB_ESCALATE_FEEDBACK_AFTER_WORKING_DAYS', 3),
  };
  if (s.acceptWorkingDays < 1) throw new Error('HUB_ACCEPT_WORKING_DAYS must be at least 1');
  return s;
}

export const TOPOLOGIES = ['in-process', 'http'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/**
 * How the one-process hub (npm start, the image's all-in-one entry point) reaches its subgraphs:
 * `in-process` (default) calls them as functions, `http` over signed HTTP on loopback as separate
 * processes would. The separate-process layout is always `http`.
 */
export function hubTopology(): Topology {
  const v = env('HUB_TOPOLOGY') ?? 'in-process';
  if (!(TOPOLOGIES as readonly string[]).includes(v)) throw new Error(`HUB_TOPOLOGY must be one of ${TOPOLOGIES.join(', ')} (it is "${v}").`);
  return v as Topology;
}
