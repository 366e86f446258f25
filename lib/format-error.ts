import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, refuse } from './errors';
import { REASONS, type ParamValue, type Reason } from './i18n/reasons';
import { renderReason } from './i18n/render';
import { requestLanguage } from './i18n/language';
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
      if (!reason || !Object.hasOwn(REASONS, reason)) return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
      const message = lang === 'en' ? formatted.message : renderReason(reason, cause.extensions.params, lang);
      return { ...formatted, message, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', reason, params: cause.extensions.params ?? {} } };
    }
    return { ...formatted, extensions: { code, ...(formatted.extensions ?? {}) } };
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
