import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { numberSetting } from '../../lib/config';

/**
 * Limits on what one request may ask of the hub, checked at the gateway before anything reaches a
 * subgraph. A query over them is refused with GRAPHQL_VALIDATION_FAILED and
 * `extensions.limit` (DEPTH, ALIASES, COST) with `max` and `actual`; too many tokens fail to parse
 * (GRAPHQL_PARSE_FAILED). Each is an environment setting.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

export const queryLimits = (): QueryLimits => ({
  maxDepth: numberSetting('HUB_MAX_QUERY_DEPTH', 15),
  maxAliases: numberSetting('HUB_MAX_QUERY_ALIASES', 30),
  maxTokens: numberSetting('HUB_MAX_QUERY_TOKENS', 5000),
  maxCost: numberSetting('HUB_MAX_QUERY_COST', 100_000),
});

/** A list field without `first` is assumed to hold this many items (timelines, agencies, installments). */
const ASSUMED_LIST_SIZE = 20;
/** `first` given as a variable is assumed at the largest page size. */
const MAX_PAGE = 100;

function refuse(limit: string, max: number, actual: number, what: string, setting: string): GraphQLError {
  return new GraphQLError(`The query ${what} ${actual}; at most ${max} is allowed (${setting}). Ask for less, or split it into several requests.`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, max, actual },
  });
}

/** The page size a field asks for with `first`, if it does. */
function pageSize(field: FieldNode): number | undefined {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  if (!first) return undefined;
  if (first.kind === Kind.INT) return Math.max(1, Number(first.value));
  return MAX_PAGE;
}

interface Walk {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Walks the operation once, following fragments (each at most once per path): depth in fields,
 * aliases, and a cost where each field costs 1 times how many times it will be resolved (a list
 * multiplies its children by `first`, its connection's `first`, or an assumed size).
 */
function measure(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  multiplier: number,
  depth: number,
  seen: Set<string>,
  into: Walk,
  /** A connection's `first`, for the `edges` list under it. */
  page?: number,
): void {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) into.aliases++;
      if (sel.name.value.startsWith('__')) continue;
      into.cost += multiplier;
      into.depth = Math.max(into.depth, depth + 1);
      const def: GraphQLField<unknown, unknown> | undefined = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
      if (!sel.selectionSet) continue;
      const isList = def ? isListType(getNullableType(def.type)) : false;
      const asked = pageSize(sel);
      const size = isList ? (asked ?? page ?? ASSUMED_LIST_SIZE) : 1;
      measure(schema, fragments, sel.selectionSet, def ? getNamedType(def.type) : undefined, multiplier * size, depth + 1, seen, into, isList ? undefined : asked);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent;
      measure(schema, fragments, sel.selectionSet, type, multiplier, depth, seen, into, page);
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      const inner = new Set(seen).add(name);
      measure(schema, fragments, fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, multiplier, depth, inner, into, page);
    }
  }
}

export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return {
      OperationDefinition(op) {
        const root = op.operation === OperationTypeNode.QUERY ? schema.getQueryType() : op.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getSubscriptionType();
        const walk: Walk = { depth: 0, aliases: 0, cost: 0 };
        measure(schema, fragments, op.selectionSet, root ?? undefined, 1, 0, new Set(), walk);
        if (walk.depth > limits.maxDepth) context.reportError(refuse('DEPTH', limits.maxDepth, walk.depth, 'is nested this many levels deep:', 'HUB_MAX_QUERY_DEPTH'));
        if (walk.aliases > limits.maxAliases) context.reportError(refuse('ALIASES', limits.maxAliases, walk.aliases, 'uses this many aliases:', 'HUB_MAX_QUERY_ALIASES'));
        if (walk.cost > limits.maxCost) context.reportError(refuse('COST', limits.maxCost, walk.cost, 'would resolve this many fields:', 'HUB_MAX_QUERY_COST'));
      },
    };
  };
}
