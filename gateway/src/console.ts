import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import { signToken, type Principal } from '../../lib/auth';
import { DEVELOPMENT_JWT_SECRET, isProduction } from '../../lib/config';
import { oidcSettings } from '../../lib/oidc';
import { regionNames } from '../../lib/region';
import { badInput } from '../../lib/errors';
import { languageOf } from '../../lib/i18n/language';

/**
 * The staff console (console/, built by Vite into dist/console) at /console. Hashed assets are
 * cached for a year; index.html is revalidated every time so a new build shows at once. The CSP
 * allows only this origin: the build has no inline script or style.
 */
export const consoleCsp = (connect: string[] = []) => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: the evidence preview shows files it fetched with the token (console/src/casework/evidence.tsx).
  "img-src 'self' data: blob:",
  "frame-src blob:",
  ["connect-src 'self'", ...connect].join(' '),
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
export const CONSOLE_CSP = consoleCsp();

function securityHeaders(res: Response, csp: string) {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/** dist/console beside the built gateway, or under the repository root when run from source (tests). */
export function defaultConsoleDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'console');
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..', 'console');
  }
}

/**
 * What the console needs to know before anyone signs in: the OpenID provider to send staff to
 * (HUB_OIDC_ISSUER, HUB_OIDC_CLIENT_ID), or none (then tokens are pasted, or development identities).
 */
export function consoleConfig() {
  const oidc = oidcSettings();
  return { oidc: oidc ? { issuer: oidc.issuer, clientId: oidc.clientId ?? null, scope: oidc.scope } : null };
}

export function consoleApp(dir: string): express.Router {
  const router = express.Router();
  const config = consoleConfig();
  // The console talks to the provider itself (discovery, token, renewal): that origin only.
  const csp = consoleCsp(config.oidc ? [new URL(config.oidc.issuer).origin] : []);
  router.use((_req, res, next) => {
    securityHeaders(res, csp);
    next();
  });
  router.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json(config);
  });
  // GB/T 2260 names for the codes in leads and tokens (lib/region-data/README.md): public data.
  const regions = JSON.stringify(regionNames());
  router.get('/regions.json', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('application/json').send(regions);
  });
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  // Any other path is a screen of the single-page app: the same index.html, always revalidated.
  router.get(/.*/, (_req: Request, res: Response) => {
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The staff console has not been built: run `npm run build` (npm start does it).');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** Named staff for trying the console locally; their tokens are signed with the development secret only. */
export const DEVELOPMENT_IDENTITIES: (Principal & { label: string })[] = [
  { id: 'dev-union-140400', label: '长治市总工会 受理员', name: '李明', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] },
  { id: 'dev-union-140100', label: '太原市总工会 受理员', name: '张华', agency: 'UNION', region: '140100', roles: ['INTAKE', 'HANDLER'] },
  { id: 'dev-union-140000', label: '山西省总工会 主管', name: '王强', agency: 'UNION', region: '140000', roles: ['SUPERVISOR', 'HANDLER'] },
  { id: 'dev-inspection-140400', label: '长治市劳动监察 办案员', name: '赵刚', agency: 'INSPECTION', region: '140400', roles: ['INTAKE', 'HANDLER'] },
  { id: 'dev-procuratorate-140400', label: '长治市人民检察院 检察官', name: '陈静', agency: 'PROCURATORATE', region: '140400', roles: ['HANDLER'] },
  { id: 'dev-court-140400', label: '长治市中级人民法院 法官', name: '刘洋', agency: 'COURT', region: '140400', roles: ['HANDLER'] },
  { id: 'dev-notifier-140400', label: '长治市总工会 短信告知服务', name: '短信告知服务', agency: 'UNION', region: '140400', roles: ['NOTIFIER'] },
];

/** Only outside production, only with the development JWT secret and no OpenID provider; otherwise the routes do not exist. */
export const developmentIdentitiesEnabled = (secret: string) => !isProduction() && secret === DEVELOPMENT_JWT_SECRET && !oidcSettings();

/** GET /dev/identities and POST /dev/token {"identity": id} → {"token"}. */
export function developmentIdentities(secret: string): express.Router {
  const router = express.Router();
  router.get('/identities', (_req, res) => {
    res.json({ identities: DEVELOPMENT_IDENTITIES.map(({ id, label, name, agency, region, roles }) => ({ id, label, name, agency, region, roles })) });
  });
  router.post('/token', express.json({ limit: 1024 }), (req, res) => {
    const who = DEVELOPMENT_IDENTITIES.find((i) => i.id === (req.body as { identity?: unknown } | undefined)?.identity);
    if (!who) {
      const e = badInput('identity', 'VALUE_NOT_ALLOWED', { allowed: DEVELOPMENT_IDENTITIES.map((i) => i.id) });
      const lang = languageOf(req.headers['accept-language']);
      res.status(400).json({ error: { message: e.messageIn(lang), ...e.extensionsIn(lang) } });
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.json({ token: signToken(who, secret) });
  });
  return router;
}
