import { campaignPeriod, campaignRows, countsAsMediatedOrLegalService, monthPeriod, reportRegion, weekPeriod } from '../../services/leads/src/modules/report/report.rules';
import { leadClosure } from '../../services/leads/src/modules/lead/lead.closure';
import { tenThousandPeople } from '../../services/leads/src/modules/report/report.format';
import { csvChunks } from '../../lib/tabular/csv';
import { columnName, xlsxChunks } from '../../lib/tabular/xlsx';
import type { Cell, Sheet } from '../../lib/tabular/table';
import { readWorkbook } from '../support/xlsx';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as DomainError).code, field: (e as DomainError).details.field, message: (e as Error).message };
  }
  throw new Error('not refused');
};

describe('report periods (Asia/Shanghai)', () => {
  it('takes a month from its first Shanghai midnight to the next', () => {
    expect(monthPeriod('2026-10')).toEqual({ firstDay: '2026-10-01', lastDay: '2026-10-31', from: new Date('2026-09-30T16:00:00Z'), until: new Date('2026-10-31T16:00:00Z') });
    expect(monthPeriod('2026-12')).toMatchObject({ lastDay: '2026-12-31', until: new Date('2026-12-31T16:00:00Z') });
    expect(monthPeriod('2028-02').lastDay).toBe('2028-02-29');
    for (const bad of ['2026-13', '2026-00', '2026-1', '202610', 'October']) expect(refusal(() => monthPeriod(bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });

  it('takes a week from a Monday to the Sunday', () => {
    expect(weekPeriod('2026-11-16')).toEqual({ firstDay: '2026-11-16', lastDay: '2026-11-22', from: new Date('2026-11-15T16:00:00Z'), until: new Date('2026-11-22T16:00:00Z') });
    expect(refusal(() => weekPeriod('2026-11-22'))).toEqual({ code: 'BAD_USER_INPUT', field: 'weekStart', message: 'weekStart: must be a Monday (weeks run Monday to Sunday); 2026-11-22 is a Sunday, its week starts on 2026-11-16' });
    expect(refusal(() => weekPeriod('2026-11-31'))).toMatchObject({ field: 'weekStart' });
  });

  it('takes a campaign from its first to its last day, both included', () => {
    expect(campaignPeriod('2022-10-01', '2023-01-31')).toMatchObject({ from: new Date('2022-09-30T16:00:00Z'), until: new Date('2023-01-31T16:00:00Z') });
    expect(refusal(() => campaignPeriod('2022-10-01', '2022-09-30'))).toMatchObject({ field: 'to' });
    expect(refusal(() => campaignPeriod('2022-10-1', '2022-10-30'))).toMatchObject({ field: 'from' });
  });
});

describe('the reporting unit', () => {
  const city: Principal = { id: 'a', name: 'a', agency: 'UNION', region: '140400', roles: ['VIEWER'] };
  it('is the caller\'s region, or one below it', () => {
    expect(reportRegion(city, null)).toBe('140400');
    expect(reportRegion(city, '140421')).toBe('140421');
    expect(reportRegion({ ...city, region: '000000' }, '630000')).toBe('630000');
  });
  it('is refused outside the jurisdiction or when not a region code', () => {
    expect(refusal(() => reportRegion(city, '140100'))).toMatchObject({ code: 'FORBIDDEN', field: 'regionCode' });
    expect(refusal(() => reportRegion(city, '140000'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(() => reportRegion(city, '1404'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  });
});

describe('a lead\'s closure (办结)', () => {
  const closed = (at: string, fen: string, workers: number, transferState = 'ORIGINATED', compensationFen = '0') => ({ transferState, closureState: 'CLOSED', closedAt: new Date(at), amountRecoveredFen: fen, compensationRecoveredFen: compensationFen, workersPaid: workers });
  const open = (transferState = 'ACCEPTED') => ({ transferState, closureState: 'OPEN' });

  it('comes when every agency holding the lead has closed, at the last closure, with the largest recovery', () => {
    expect(leadClosure([closed('2026-11-20T01:00:00Z', '210000000', 60, 'ACCEPTED'), closed('2026-11-23T02:00:00Z', '200000000', 55)], 60)).toEqual({
      closedAt: new Date('2026-11-23T02:00:00Z'),
      amountRecoveredFen: '210000000',
      compensationRecoveredFen: '0',
      workersPaid: 60,
    });
  });

  it('counts wages and compensation (加付赔偿金) apart: the largest of each', () => {
    // Inspection recovered 1,000 of wages and 500 of compensation; the court's closure, 1,200 of wages.
    expect(leadClosure([closed('2026-11-20T01:00:00Z', '150000', 4, 'ACCEPTED', '50000'), closed('2026-11-23T02:00:00Z', '120000', 4)], 4)).toMatchObject({ amountRecoveredFen: '120000', compensationRecoveredFen: '50000' });
  });

  it('is not held back by an agency that returned the lead', () => {
    expect(leadClosure([closed('2026-11-23T02:00:00Z', '0', 0), open('RETURNED')], 3)).toMatchObject({ closedAt: new Date('2026-11-23T02:00:00Z'), amountRecoveredFen: '0' });
  });

  it('is open while any holding agency is open, pending included', () => {
    const none = { closedAt: null, amountRecoveredFen: null, compensationRecoveredFen: null, workersPaid: null };
    expect(leadClosure([closed('2026-11-23T02:00:00Z', '100', 1, 'TRANSFERRED_OUT'), open('PENDING_ACCEPTANCE')], 3)).toEqual(none);
    expect(leadClosure([open('ORIGINATED')], 3)).toEqual(none);
  });

  it('never pays more workers than the lead has', () => {
    expect(leadClosure([closed('2026-11-23T02:00:00Z', '100', 9)], 4).workersPaid).toBe(4);
  });
});

describe('report figures', () => {
  it('counts mediation, legal aid, support to sue and court outcomes as mediated or legal service', () => {
    expect(['MEDIATION_RECORDED', 'LEGAL_AID_RECORDED', 'SUPPORT_GRANTED', 'COURT_OUTCOME_RECORDED'].every(countsAsMediatedOrLegalService)).toBe(true);
    expect(['CASE_CLOSED', 'WAGE_ADVANCE_GRANTED', 'TRANSFER_ACCEPTED'].some(countsAsMediatedOrLegalService)).toBe(false);
  });

  it('adds the sectors into the total, counting distinct employers', () => {
    const f = (employers: number, workers: number, workersResolved: number, amountResolvedFen: bigint, compensationResolvedFen = 0n) => ({ employers, workers, workersResolved, amountResolvedFen, compensationResolvedFen });
    expect(campaignRows({ CONSTRUCTION: f(2, 30, 10, 500n, 100n), OTHER: f(1, 3, 3, 7n) }, 2)).toEqual([
      { sector: 'CONSTRUCTION', figures: f(2, 30, 10, 500n, 100n) },
      { sector: 'MANUFACTURING', figures: f(0, 0, 0, 0n) },
      { sector: 'OTHER', figures: f(1, 3, 3, 7n) },
      { sector: 'TOTAL', figures: f(2, 33, 13, 507n, 100n) },
    ]);
  });

  it('writes 万人 exactly', () => {
    expect([0, 1, 12, 10_000, 123_456].map(tenThousandPeople)).toEqual(['0.0000', '0.0001', '0.0012', '1.0000', '12.3456']);
  });
});

describe('CSV', () => {
  it('has a BOM, the template lines, quoted fields, and defuses formulas', async () => {
    const chunks: Buffer[] = [];
    for await (const c of csvChunks([
      {
        name: 's',
        title: '标题',
        header: [[{ label: '行业', rowSpan: 2 }, { label: '情况', colSpan: 2 }], [{ label: '甲' }, { label: '乙' }]],
        widths: [1, 1, 1],
        rows: [[{ text: '=1+2' }, { text: 'a,"b"' }, { decimal: '-1.5000' }], [{ integer: 3 }, { date: '2026-10-01' }, null]],
        notes: ['注'],
      },
    ])) chunks.push(c);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('\uFEFF标题,,\r\n行业,情况,\r\n,甲,乙\r\n\'=1+2,"a,""b""",-1.5000\r\n3,2026-10-01,\r\n注,,\r\n');
  });
});

it('names spreadsheet columns A … Z, AA …', () => {
  expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
});

describe('XLSX', () => {
  const sheet = (rows: Sheet['rows']): Sheet => ({
    name: '表',
    title: '标题',
    header: [[{ label: '行业', rowSpan: 2 }, { label: '情况', colSpan: 2 }], [{ label: '甲' }, { label: '乙' }]],
    widths: [10, 10, 10],
    rows,
    notes: ['注'],
  });
  const read = async (chunks: AsyncGenerator<Buffer>) => {
    const all: Buffer[] = [];
    for await (const c of chunks) all.push(c);
    return readWorkbook(Buffer.concat(all));
  };

  it('opens in an independent reader with the cells, spans and formats as written', async () => {
    const [s] = await read(xlsxChunks([sheet([[{ text: '=1+2' }, { decimal: '-1.5000' }, { date: '2026-10-01' }], [{ integer: 3 }, null, { text: ' a<b>&"c" ' }]])]));
    expect(s.name).toBe('表');
    expect(s.rows).toEqual([['标题'], ['行业', '情况'], [null, '甲', '乙'], ['=1+2', -1.5, new Date('2026-10-01T00:00:00Z')], [3, null, ' a<b>&"c" '], ['注']]);
    expect(s.merges).toEqual(['A1:C1', 'A2:A3', 'B2:C2', 'A6:C6']);
    expect(s.formulas).toEqual([]);
    expect([s.numFmt.get('B4'), s.numFmt.get('C4'), s.numFmt.get('A5')]).toEqual(['0.0000', 'yyyy-mm-dd', '0']);
  });

  it('fails instead of ending early when its rows fail, and closes them when the reader stops', async () => {
    async function* failing(): AsyncGenerator<Cell[]> {
      yield [{ integer: 1 }, null, null];
      throw new Error('the database went away');
    }
    await expect(read(xlsxChunks([sheet(failing())]))).rejects.toThrow('the database went away');

    let closed = false;
    async function* endless(): AsyncGenerator<Cell[]> {
      try {
        for (let i = 0; ; i++) yield [{ integer: i }, { text: `第${i}行`.repeat(20) }, null];
      } finally {
        closed = true;
      }
    }
    const chunks = xlsxChunks([sheet(endless())]);
    let bytes = 0;
    for await (const c of chunks) if ((bytes += c.length) > 200_000) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });
});
