import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import { refuse } from '../../lib/errors';
import { requestLanguage } from '../../lib/i18n/language';

/**
 * A request the gateway cannot run because of how it was written is the client's mistake: HTTP 400
 * with BAD_USER_INPUT and a reason, not the gateway's "INVALID_GRAPHQL" HTTP 500. Caught once the
 * operation is resolved, before any subgraph is called.
 */
const http400 = { http: { status: 400 } };

export const clientMistakesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, schema }) {
        if (!operation) {
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          if (request.operationName) throw refuse('OPERATION_NAME_UNKNOWN', { name: request.operationName, names }).toGraphQL(requestLanguage(), http400);
          throw refuse('OPERATION_NAME_REQUIRED', { count: names.length, names }).toGraphQL(requestLanguage(), http400);
        }
        if (operation.operation === OperationTypeNode.SUBSCRIPTION || (operation.operation === OperationTypeNode.MUTATION && !schema.getMutationType())) {
          throw refuse('OPERATION_TYPE_UNSUPPORTED', { type: operation.operation }).toGraphQL(requestLanguage(), http400);
        }
      },
    };
  },
};

/** Apollo's own refusal of a persisted query whose hash is not its query's carries no code; it is the client's mistake too. */
export function requestMistakeCode(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  if ((code && code !== 'INTERNAL_SERVER_ERROR') || formatted.path) return undefined;
  if (formatted.message !== 'provided sha does not match query') return undefined;
  const e = refuse('PERSISTED_QUERY_MISMATCH');
  const lang = requestLanguage();
  return { message: e.messageIn(lang), extensions: e.extensionsIn(lang) };
}
