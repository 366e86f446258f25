import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, refuse } from './errors';
import { REASONS, type ParamValue, type Reason } from './i18n/reasons';
import { renderReason } from './i18n/render';
import { requestLanguage, type Language } from './i18n/language';
import type { Logger } from './logger';

/** Codes a client may see as they are; anything else is an internal error and is not explained. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** The reasons of the refusals GraphQL itself words (parse, validation, variables). */
const GRAPHQL_REASONS: Record<string, Reason> = {
  GRAPHQL_PARSE_FAILED: 'QUERY_SYNTAX_ERROR',
  GRAPHQL_VALIDATION_FAILED: 'QUERY_INVALID',
  BAD_USER_INPUT: 'INPUT_INVALID',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_UNKNOWN',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_UNSUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_UNRESOLVED',
  BAD_REQUEST: 'REQUEST_INVALID',
};

/**
 * A refusal graphql-js or Apollo worded, given its reason (its English text as `detail`) and, for a
 * Chinese reader, the catalogue's Chinese around that text. Errors that have a reason pass as they are.
 */
export function withGraphQLReason(formatted: GraphQLFormattedError, lang: Language = requestLanguage()): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (formatted.extensions?.reason || typeof code !== 'string' || !Object.hasOwn(GRAPHQL_REASONS, code)) return formatted;
  const reason = GRAPHQL_REASONS[code];
  const params = { detail: formatted.message };
  return { ...formatted, message: lang === 'en' ? formatted.message : renderReason(reason, params, lang), extensions: { ...formatted.extensions, reason, params } };
}

/** Errors as the subgraphs answer them: refusals in the request's language (Accept-Language). */
export function formatHubError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId?: string,
): GraphQLFormattedError {
  const lang = requestLanguage();
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const e = original.toGraphQL(lang);
    return { message: e.message, path: formatted.path, locations: formatted.locations, extensions: e.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    // Scalar parse errors arrive as validation errors: keep the contract's BAD_USER_INPUT, and the
    // scalar's reason (lib/scalars.ts), in the request's language.
    const cause = (error as { originalError?: { extensions?: { code?: string; reason?: string; params?: Record<string, ParamValue> } } })?.originalError;
    if (cause?.extensions?.code === 'BAD_USER_INPUT') {
      const reason = cause.extensions.reason as Reason | undefined;
      if (!reason || !Object.hasOwn(REASONS, reason)) return withGraphQLReason({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }, lang);
      const message = lang === 'en' ? formatted.message : renderReason(reason, cause.extensions.params, lang);
      return { ...formatted, message, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', reason, params: cause.extensions.params ?? {} } };
    }
    return withGraphQLReason({ ...formatted, extensions: { code, ...(formatted.extensions ?? {}) } }, lang);
  }
  log.error({
    requestId,
    err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original), path: formatted.path }, 'unexpected error');
  const internal = refuse('INTERNAL_ERROR');
  return {
    message: internal.messageIn(lang),
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', reason: internal.reason, params: {}, ...(requestId ? { requestId } : {}) },
  };
}
