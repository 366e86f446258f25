/**
 * Refusals: every "no" the hub says has a stable reason code from the catalogue
 * (lib/i18n/reasons.ts), the values its message needs, and is rendered in the caller's language.
 *
 *   throw refuse('FUND_INSUFFICIENT', { balance: '10.00', region: '140400' });  // a rule says no
 *   throw badInput('input.amount', 'MONEY_NOT_POSITIVE');                       // one field is wrong
 *   problems.push(invalid('input.note', 'TEXT_TOO_LONG', { max: 2000 }));       // collect fields...
 *   if (problems.length) throw invalidInput(problems);                          // ...refuse them at once
 *   const p = moneyProblem(v); if (p) problems.push(invalid('amount', p));      // checks return a Refusal
 *
 * The answer's `extensions.code` comes from the catalogue entry of the reason; `extensions.reason`
 * and `extensions.params` are the reason and its params; BAD_USER_INPUT also names `field` and
 * every `invalidFields` entry (with its own reason, params and message). A decider that returns
 * rather than throws returns a `Refusal` (`refusal('X', params)`), turned into an error by `refuse(r)`.
 * A new reason is added to the catalogue with both texts, or nothing compiles.
 */
import { GraphQLError } from 'graphql';
import { REASONS, type ParamValue, type Reason, type ReasonParams } from './i18n/reasons';
import { renderReason } from './i18n/render';
import { requestLanguage, type Language } from './i18n/language';

export type { Reason } from './i18n/reasons';

/** The error codes of the public contract (hub.graphql). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'CONFLICT';

/** Codes of the refusals made before a request reaches the schema, and of internal errors. */
export type AnswerCode = ErrorCode | 'GRAPHQL_VALIDATION_FAILED' | 'INTERNAL_SERVER_ERROR' | 'PAYLOAD_TOO_LARGE' | 'BAD_REQUEST' | 'BUSY' | 'OPERATION_NOT_ALLOWED'
  | 'GRAPHQL_PARSE_FAILED' | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_SUPPORTED' | 'OPERATION_RESOLUTION_FAILURE';

export type Params = Record<string, ParamValue>;
type Args<R extends Reason> = keyof ReasonParams<R> extends never ? [params?: ReasonParams<R>] : [params: ReasonParams<R>];

/** A refusal as a value: what a pure check or decider returns. */
export interface Refusal {
  reason: Reason;
  params: Params;
}

/** One field at fault, as `extensions.invalidFields` lists it. */
export interface InvalidField extends Refusal {
  field: string;
  /** In English here; rendered again in the request's language when answered. */
  message: string;
}

export function refusal<R extends Reason>(reason: R, ...[params]: Args<R>): Refusal {
  return { reason, params: params ?? {} };
}

/** A refusal's message, for a command line or a log (English unless told). */
export const refusalText = (r: Refusal, lang: Language = 'en', field?: string): string => renderReason(r.reason, r.params, lang, field);

/** A field at fault, for `invalidInput`: `invalid(field, reason, params)` or `invalid(field, refusal)`. */
export function invalid(field: string, r: Refusal): InvalidField;
export function invalid<R extends Reason>(field: string, reason: R, ...params: Args<R>): InvalidField;
export function invalid(field: string, r: Refusal | Reason, params?: Params): InvalidField {
  const { reason, params: p } = typeof r === 'string' ? { reason: r, params: params ?? {} } : r;
  return { field, reason, params: p, message: renderReason(reason, p, 'en', field) };
}

/**
 * A refusal the domain can explain to a person. The GraphQL layer answers it with its code,
 * reason and params, the message in the request's language (formatHubError). Anything else thrown
 * is a bug and is reported as INTERNAL_SERVER_ERROR without details.
 */
export class DomainError extends Error {
  readonly code: AnswerCode;

  constructor(
    readonly reason: Reason,
    readonly params: Params = {},
    readonly details: { field?: string; invalidFields?: InvalidField[] } = {},
  ) {
    super('');
    this.name = 'DomainError';
    this.code = REASONS[reason].code;
    this.message = this.messageIn('en');
  }

  messageIn(lang: Language): string {
    const fields = this.details.invalidFields;
    if (fields?.length) {
      const first = renderReason(fields[0].reason, fields[0].params, lang, fields[0].field);
      const n = fields.length - 1;
      if (lang === 'zh') return n ? `${first}（另有 ${n} 处填写有误）` : first;
      return `${fields[0].field}: ${first}${n ? ` (and ${n} more invalid field${n > 1 ? 's' : ''})` : ''}`;
    }
    const text = renderReason(this.reason, this.params, lang, this.details.field);
    return this.details.field && lang === 'en' ? `${this.details.field}: ${text}` : text;
  }

  extensionsIn(lang: Language): Record<string, unknown> {
    const extensions: Record<string, unknown> = { code: this.code, reason: this.reason, params: this.params };
    if (this.details.field) extensions.field = this.details.field;
    if (this.details.invalidFields) {
      extensions.invalidFields = this.details.invalidFields.map((f) => ({ field: f.field, message: renderReason(f.reason, f.params, lang, f.field), reason: f.reason, params: f.params }));
    }
    return extensions;
  }

  /** The GraphQL error answering this refusal; `extra` adds extensions (an HTTP status). */
  toGraphQL(lang: Language = requestLanguage(), extra: Record<string, unknown> = {}): GraphQLError {
    return new GraphQLError(this.messageIn(lang), { extensions: { ...this.extensionsIn(lang), ...extra }, originalError: this });
  }
}

/** A rule says no: `throw refuse('CALLBACK_REQUIRED_BEFORE_CLOSE')`. Also takes a Refusal value. */
export function refuse(r: Refusal, o?: { field?: string }): DomainError;
export function refuse<R extends Reason>(reason: R, ...params: [...Args<R>, o?: { field?: string }]): DomainError;
export function refuse(r: Refusal | Reason, params?: Params, o?: { field?: string }): DomainError {
  if (typeof r !== 'string') return new DomainError(r.reason, r.params, { field: (params as { field?: string } | undefined)?.field });
  return new DomainError(r, params ?? {}, { field: o?.field });
}

/** One BAD_USER_INPUT error that names every invalid field, so a form can mark them all at once. */
export function invalidInput(fields: InvalidField[]): DomainError {
  const first = fields[0];
  return new DomainError(first.reason, first.params, { field: first.field, invalidFields: fields });
}

/** One field at fault: `throw badInput('input.to', 'TRANSFER_TO_SELF')` or `badInput(field, refusal)`. */
export function badInput(field: string, r: Refusal): DomainError;
export function badInput<R extends Reason>(field: string, reason: R, ...params: Args<R>): DomainError;
export function badInput(field: string, r: Refusal | Reason, params?: Params): DomainError {
  return invalidInput([typeof r === 'string' ? invalid(field, r as never, params as never) : invalid(field, r)]);
}
