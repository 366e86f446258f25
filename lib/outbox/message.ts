import { createHmac, timingSafeEqual } from 'node:crypto';

/** What travels between services. */
export interface HubMessage<P = Record<string, unknown>> {
  id: string;
  source: string;
  type: string;
  occurredAt: string;
  payload: P;
  /** W3C trace context of the command that wrote the message, so its effects join that trace. */
  traceparent?: string;
}

export const SIGNATURE_HEADER = 'x-hub-signature';
export const MESSAGES_PATH = '/internal/messages';

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifySignature(body: string, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What a dispatcher sends: several messages for one destination, in the order they were written. */
export interface MessageBatch {
  messages: HubMessage[];
}

/** How one message of a batch was settled: applied, already applied before, or kept as a dead letter. */
export interface MessageResult {
  id: string;
  duplicate?: true;
  deadLetter?: string;
}

/** The answer to a batch: the messages settled, in order, and the one that stopped it, if any. */
export interface BatchAnswer {
  ok: boolean;
  results: MessageResult[];
  failed?: { id: string; error: string };
}
