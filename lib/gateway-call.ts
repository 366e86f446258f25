import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Subgraphs answer only the gateway: each call it forwards carries `x-hub-gateway:
 * <unix ms>.<HMAC-SHA256(HUB_INTERNAL_SECRET, "<unix ms>.<authorization header>")>`. Tied to the
 * caller's token and to the time, so a header seen once cannot front another token, nor be
 * replayed for long; the federation `_entities` entry point is closed to anyone else.
 */
export const GATEWAY_HEADER = 'x-hub-gateway';
export const GATEWAY_CALL_MAX_SKEW_MS = 5 * 60 * 1000;

const mac = (secret: string, at: string, authorization: string) => createHmac('sha256', secret).update(`${at}.${authorization}`).digest('hex');

export function signGatewayCall(secret: string, authorization: string, now = Date.now()): string {
  return `${now}.${mac(secret, String(now), authorization)}`;
}

export function verifyGatewayCall(header: string | undefined, authorization: string, secret: string, now = Date.now()): boolean {
  const m = /^(\d{1,15})\.([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  if (Math.abs(now - Number(m[1])) > GATEWAY_CALL_MAX_SKEW_MS) return false;
  const expected = Buffer.from(mac(secret, m[1], authorization), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}

/**
 * For gateways that cannot compute the HMAC (Apollo Router without a coprocessor): with
 * HUB_GATEWAY_KEY set, a subgraph also accepts `x-hub-gateway-key: <HUB_GATEWAY_KEY>`, a static
 * header the gateway adds to every subgraph call. Weaker (not tied to the token or the time): use it
 * only on a private network with TLS.
 */
export const GATEWAY_KEY_HEADER = 'x-hub-gateway-key';

export function verifyGatewayKey(header: string | undefined, key: string | undefined): boolean {
  if (!key || !header) return false;
  const a = createHmac('sha256', 'k').update(header).digest();
  const b = createHmac('sha256', 'k').update(key).digest();
  return timingSafeEqual(a, b);
}
