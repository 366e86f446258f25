/**
 * A list as one PostgreSQL array literal, bound as a single parameter (`= any(?::text[])`): the
 * query builder would spread a JS array into one binding per item, and a JSON list unpacked in
 * the query leaves the planner guessing its length (100 rows), so it may scan a whole table.
 */
export const textArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
