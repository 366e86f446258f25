import { GraphQLError } from 'graphql';

/** The error codes of the public contract (hub.graphql). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'CONFLICT';

export interface InvalidField {
  field: string;
  message: string;
}

/**
 * A refusal the domain can explain to a person. Domain modules throw or return these; the
 * GraphQL layer turns them into errors with `extensions.code`. Anything else is a bug and is
 * reported as INTERNAL_SERVER_ERROR without details.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; invalidFields?: InvalidField[] } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toGraphQL(): GraphQLError {
    const extensions: Record<string, unknown> = { code: this.code };
    if (this.details.field) extensions.field = this.details.field;
    if (this.details.invalidFields) extensions.invalidFields = this.details.invalidFields;
    return new GraphQLError(this.message, { extensions, originalError: this });
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field, invalidFields: [{ field, message }] });

/** One BAD_USER_INPUT error that names every invalid field, so a form can mark them all at once. */
export function invalidInput(fields: InvalidField[]): DomainError {
  const first = fields[0];
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more invalid field${fields.length > 2 ? 's' : ''})` : '';
  return new DomainError('BAD_USER_INPUT', `${first.field}: ${first.message}${more}`, {
    field: first.field,
    invalidFields: fields,
  });
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);
export const invalidTransition = (message: string) => new DomainError('INVALID_TRANSITION', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
