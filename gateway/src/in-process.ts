import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { InProcessSubgraph } from '../../lib/service';
import { IDEMPOTENCY_KEY_HEADER, REQUEST_FINGERPRINT_HEADER } from '../../lib/idempotency/idempotency';
import { noteReplayed } from './idempotency';
import type { GatewayContext } from './gateway';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * HUB_TOPOLOGY=in-process: the gateway's fetch from a subgraph that lives in this process, with no
 * HTTP. It sends what the HTTP source sends (token, request id, Idempotency-Key and fingerprint,
 * language), and the subgraph checks the token on every call as it does over HTTP; only the
 * gateway signature is left out, since no one outside the process can reach this call.
 */
export class InProcessSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: InProcessSubgraph) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as Partial<GatewayContext>;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context.authorization) headers.authorization = context.authorization;
    if (context.requestId) headers['x-request-id'] = context.requestId;
    if (context.idempotencyKey) {
      headers[IDEMPOTENCY_KEY_HEADER] = context.idempotencyKey.key;
      headers[REQUEST_FINGERPRINT_HEADER] = context.idempotencyKey.fingerprint;
    }
    if (context.acceptLanguage) headers['accept-language'] = context.acceptLanguage;
    const answer = await this.subgraph.execute({ headers, body: { query: request.query, operationName: request.operationName, variables: request.variables, extensions: request.extensions } });
    const body = answer.body as { data?: unknown; errors?: GraphQLFormattedError[] } | undefined;
    // As SubgraphSource.errorFromResponse: a failure before execution passes on with its own code.
    if (answer.status < 200 || answer.status > 299) {
      const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
      if (first?.extensions?.code) throw new GraphQLError(first.message, { extensions: first.extensions });
      throw new GraphQLError(`The subgraph answered HTTP ${answer.status}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    const http = { headers: { get: (name: string) => answer.headers.get(name.toLowerCase()) ?? null }, status: answer.status };
    return noteReplayed({ ...body, http } as GatewayGraphQLResponse, context);
  }
}
