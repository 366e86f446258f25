import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { moneyProblem, toFen, formatFen } from './money';
import { dateProblem } from './dates';
import { refusal, type Refusal } from './errors';
import { renderReason } from './i18n/render';

// Money, Date and DateTime accept any string here and the domain checks it, so that a bad value
// is refused as BAD_USER_INPUT naming its field, the same whether it came as a variable or a
// literal. A value of the wrong JSON type is refused here.
// The message is English here: graphql-js wraps it in its own English sentence; formatHubError
// renders the reason again in the request's language.
const refuse = (r: Refusal) => new GraphQLError(renderReason(r.reason, r.params, 'en'), { extensions: { code: 'BAD_USER_INPUT', reason: r.reason, params: r.params } });

function stringLiteral(ast: ValueNode, what: string): string {
  if (ast.kind !== Kind.STRING) throw refuse(refusal('SCALAR_NOT_STRING_LITERAL', { scalar: what }));
  return ast.value;
}

/**
 * Parsed Money is the string as given: domain code checks it with moneyProblem,
 * naming the field, and converts it to fen.
 */
export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description: 'CNY yuan as a decimal string with exactly two fraction digits, e.g. "62436.50". Never a float.',
  serialize(value) {
    if (typeof value === 'bigint') return formatFen(value);
    if (typeof value === 'string' && !moneyProblem(value)) return formatFen(toFen(value));
    throw new GraphQLError(`Money cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw refuse(refusal('MONEY_NOT_STRING'));
    return value.trim();
  },
  parseLiteral(ast) {
    return stringLiteral(ast, 'Money').trim();
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (Asia/Shanghai where it stands for a day of work or a report).',
  serialize(value) {
    if (typeof value === 'string' && !dateProblem(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw refuse(refusal('DATE_NOT_STRING'));
    return value.trim();
  },
  parseLiteral(ast) {
    return stringLiteral(ast, 'Date').trim();
  },
});

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An invalid instant parses to an Invalid Date, which the domain refuses naming the field. Date.parse
 * alone would roll a day or hour that does not exist over (30 February to 2 March, 24:00 to the next
 * day), so the calendar date and the clock time are checked first.
 */
function parseDateTime(value: string): Date {
  const m = RFC3339.exec(value.trim());
  if (!m) return new Date(NaN);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const day = new Date(Date.UTC(2000, mo - 1, d)); // a leap year, so 29 February is checked below
  const exists =
    day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && (mo !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) &&
    h <= 23 && mi <= 59 && s <= 59 && (m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59));
  return new Date(exists ? Date.parse(value.trim()) : NaN);
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, RFC 3339 with a time zone (e.g. 2026-11-23T09:30:00+08:00); returned in UTC.',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return d.toISOString();
  },
  parseValue(value) {
    if (typeof value !== 'string') throw refuse(refusal('DATETIME_NOT_STRING'));
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    return parseDateTime(stringLiteral(ast, 'DateTime'));
  },
});
