import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getArgumentValues,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
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
import { refusal } from '../../lib/errors';
import { requestLanguage } from '../../lib/i18n/language';
import { renderReason } from '../../lib/i18n/render';

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

function limitError(limit: string, max: number, actual: number, reason: 'QUERY_TOO_DEEP' | 'QUERY_TOO_MANY_ALIASES' | 'QUERY_TOO_COSTLY', setting: string): GraphQLError {
  const lang = requestLanguage();
  const e = refusal(reason, { max, actual, setting });
  return new GraphQLError(renderReason(e.reason, e.params, lang), {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason, params: e.params, limit, max, actual },
  });
}

/** The page size a field asks for with `first`, if it does. */
function pageSize(field: FieldNode): number | undefined {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  if (!first) return undefined;
  if (first.kind === Kind.INT) return Math.max(1, Number(first.value));
  return MAX_PAGE;
}

/** The field's definition, including the meta fields every type has (`__typename`) or the query root has (`__schema`, `__type`). */
function fieldDef(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent && parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/**
 * How many fields one `__schema` or `__type` selection resolves, by walking the schema's own
 * introspection objects with the selection (stops just past the budget, so a huge one costs little
 * to measure). `__type(name: $variable)` is counted for the largest type.
 */
function introspectionCost(schema: GraphQLSchema, fragments: Map<string, FragmentDefinitionNode>, field: FieldNode, def: GraphQLField<unknown, unknown>, budget: number): number {
  const left = { n: budget };
  const resolve = (d: GraphQLField<unknown, unknown>, node: FieldNode, source: unknown): unknown => {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(d, node, {});
    } catch {
      args = { includeDeprecated: true };
    }
    return d.resolve ? d.resolve(source, args, undefined, { schema } as never) : (source as Record<string, unknown>)[d.name];
  };
  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType, source: unknown, seen: Set<string>) => {
    for (const sel of selectionSet.selections) {
      if (left.n < 0) return;
      if (sel.kind === Kind.FIELD) {
        left.n--;
        const d = fieldDef(schema, type, sel.name.value);
        if (!d || !sel.selectionSet) continue;
        const value = resolve(d, sel, source);
        const named = getNamedType(d.type);
        for (const item of value == null ? [] : Array.isArray(value) ? value : [value]) walk(sel.selectionSet, named, item, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, type, source, seen);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment && !seen.has(sel.name.value)) walk(fragment.selectionSet, type, source, new Set(seen).add(sel.name.value));
      }
    }
  };
  const selectionSet = field.selectionSet!;
  const named = getNamedType(def.type);
  if (def === TypeMetaFieldDef && resolve(def, field, undefined) === undefined && field.arguments?.[0]?.value.kind === Kind.VARIABLE) {
    let most = 0;
    for (const t of Object.values(schema.getTypeMap())) {
      left.n = budget;
      walk(selectionSet, named, t, new Set());
      most = Math.max(most, budget - left.n);
    }
    return 1 + most;
  }
  walk(selectionSet, named, resolve(def, field, undefined), new Set());
  return 1 + budget - left.n;
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
  /** Introspection is counted only this far (just past the limit). */
  budget: number,
  /** A connection's `first`, for the `edges` list under it. */
  page?: number,
): void {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) into.aliases++;
      // Introspection fields count like any other: `__schema { types { fields { type { fields … } } } }`
      // otherwise answers megabytes to a few kilobytes of query.
      into.cost += multiplier;
      into.depth = Math.max(into.depth, depth + 1);
      const def = fieldDef(schema, parent, sel.name.value);
      if (!sel.selectionSet) continue;
      if (def === SchemaMetaFieldDef || def === TypeMetaFieldDef) {
        // Introspection answers come from the schema itself: count exactly what it would resolve.
        const scratch: Walk = { depth: 0, aliases: 0, cost: 0 };
        measure(schema, fragments, sel.selectionSet, getNamedType(def.type), multiplier, depth + 1, seen, scratch, budget);
        into.depth = Math.max(into.depth, scratch.depth);
        into.aliases += scratch.aliases;
        into.cost += multiplier * introspectionCost(schema, fragments, sel, def, budget);
        continue;
      }
      const isList = def ? isListType(getNullableType(def.type)) : false;
      const asked = pageSize(sel);
      const size = isList ? (asked ?? page ?? ASSUMED_LIST_SIZE) : 1;
      measure(schema, fragments, sel.selectionSet, def ? getNamedType(def.type) : undefined, multiplier * size, depth + 1, seen, into, budget, isList ? undefined : asked);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent;
      measure(schema, fragments, sel.selectionSet, type, multiplier, depth, seen, into, budget, page);
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      const inner = new Set(seen).add(name);
      measure(schema, fragments, fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, multiplier, depth, inner, into, budget, page);
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
        measure(schema, fragments, op.selectionSet, root ?? undefined, 1, 0, new Set(), walk, limits.maxCost + 1);
        if (walk.depth > limits.maxDepth) context.reportError(limitError('DEPTH', limits.maxDepth, walk.depth, 'QUERY_TOO_DEEP', 'HUB_MAX_QUERY_DEPTH'));
        if (walk.aliases > limits.maxAliases) context.reportError(limitError('ALIASES', limits.maxAliases, walk.aliases, 'QUERY_TOO_MANY_ALIASES', 'HUB_MAX_QUERY_ALIASES'));
        if (walk.cost > limits.maxCost) context.reportError(limitError('COST', limits.maxCost, walk.cost, 'QUERY_TOO_COSTLY', 'HUB_MAX_QUERY_COST'));
      },
    };
  };
}
