import { DateTimeScalar } from '../../lib/scalars';

const parse = (v: string) => DateTimeScalar.parseValue(v);

describe('DateTime', () => {
  it.each([
    ['2026-11-23T09:30:00+08:00', '2026-11-23T01:30:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-12-31T23:59:59.999-05:00', '2027-01-01T04:59:59.999Z'],
    [' 2026-11-23t09:30:00z ', '2026-11-23T09:30:00.000Z'],
  ])('reads %s as %s', (given, instant) => {
    expect(parse(given).toISOString()).toBe(instant);
  });

  it.each(['2026-02-30T09:00:00Z', '2027-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2026-04-31T10:00:00+08:00', '2026-13-01T00:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22T10:60:00Z', '2026-11-22T10:00:60Z', '2026-11-22T10:00:00+24:00', '2026-11-22T10:00:00', '2026-11-22'])(
    'refuses %s, which names no instant, rather than rolling it over',
    (given) => {
      expect(Number.isNaN(parse(given).getTime())).toBe(true);
    },
  );
});
