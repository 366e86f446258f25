import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { DateTimeScalar } from './scalars';

type GraphQLResolverMap<T> = Record<string, Record<string, unknown> | T>;

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])\n';

/** A class type-graphql reads decorators from (a resolver, an object type). */
export type ClassType = new (...args: never[]) => unknown;

/** Each resolver declares its own reference and context types. */
export type ReferenceResolver = (reference: never, context: never, info: never) => unknown;

/**
 * A federation 2 subgraph schema from type-graphql resolvers: type-graphql builds the schema, its
 * SDL (with @key and friends) becomes the subgraph's type definitions, and its resolvers are merged
 * with the `__resolveReference`s of this subgraph's entities.
 */
export async function buildFederatedSchema(o: {
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  referenceResolvers?: Record<string, ReferenceResolver>;
}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: o.resolvers,
    orphanedTypes: o.orphanedTypes,
    skipCheck: true,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(o.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolveReference };
  }
  return buildSubgraphSchema({ typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)), resolvers: resolvers as never });
}
