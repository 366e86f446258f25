import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type GraphQLFormattedError } from 'graphql';

/**
 * A request the gateway cannot run because of how it was written is the client's mistake: HTTP 400
 * with BAD_USER_INPUT and a reason, not the gateway's "INVALID_GRAPHQL" HTTP 500. Caught once the
 * operation is resolved, before any subgraph is called.
 */
const mistake = (reason: string, message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } } });

export const clientMistakesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, schema }) {
        if (!operation) {
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          if (request.operationName) throw mistake('OPERATION_NAME_UNKNOWN', `The document has no operation named "${request.operationName}"; it has ${names.join(', ')}.`);
          throw mistake('OPERATION_NAME_REQUIRED', `The document has ${names.length} operations (${names.join(', ')}): say which to run with operationName.`);
        }
        if (operation.operation === OperationTypeNode.SUBSCRIPTION || (operation.operation === OperationTypeNode.MUTATION && !schema.getMutationType())) {
          throw mistake('OPERATION_TYPE_UNSUPPORTED', `The hub has no ${operation.operation}s: send a query or a mutation.`);
        }
      },
    };
  },
};

/** Apollo's own refusals of a malformed request carry no code; they are the client's mistake too. */
const MALFORMED = /^(provided sha does not match query|Unsupported persisted query version)$/;

export function requestMistakeCode(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  if ((code && code !== 'INTERNAL_SERVER_ERROR') || formatted.path || !MALFORMED.test(formatted.message)) return undefined;
  return { message: formatted.message, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
}
