import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from './errors';
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

export function formatHubError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId?: string,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const e = original.toGraphQL();
    return { message: e.message, path: formatted.path, locations: formatted.locations, extensions: e.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    // Scalar parse errors arrive as validation errors: keep the contract's BAD_USER_INPUT.
    const cause = (error as { originalError?: { extensions?: { code?: string } } })?.originalError;
    if (cause?.extensions?.code === 'BAD_USER_INPUT') return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    return { ...formatted, extensions: { code, ...(formatted.extensions ?? {}) } };
  }
  log.error({
    requestId,
    err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original), path: formatted.path }, 'unexpected error');
  return {
    message: 'Internal server error: it has been logged; please try again or report the request id.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  };
}
