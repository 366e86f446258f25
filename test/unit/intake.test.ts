import { acceptLeadReport, type LeadReport } from '../../services/leads/src/modules/lead/lead.intake';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';
import { normalizeEmployerName } from '../../services/leads/src/modules/employer/employer.name';

const officer: Principal = { id: 'u1', name: '李四', agency: 'UNION', region: '140400', roles: ['INTAKE', 'HANDLER'] };
const now = new Date('2026-11-23T02:00:00Z');
const report = (over: Partial<LeadReport> = {}): LeadReport => ({
  channel: 'HOTLINE',
  regionCode: '140421',
  employerName: '长治市某建筑劳务有限公司',
  employerCreditCode: '91140400MA0K6X5Y12',
  industry: 'CONSTRUCTION',
  workerCount: 4,
  amountOwed: '89195.00',
  wagePeriodStart: '2025-03-01',
  wagePeriodEnd: '2025-12-31',
  description: '4名农民工反映被拖欠工资',
  complainants: [{ name: '王某', idNumber: '11010519491231002X', phone: '13812345678' }],
  ...over,
});

function refusal(over: Partial<LeadReport>, by = officer): DomainError {
  try {
    acceptLeadReport(report(over), by, now);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the report to be refused');
}

describe('intake (acceptLeadReport)', () => {
  it('accepts a complete report and keeps money in fen', () => {
    const lead = acceptLeadReport(report(), officer, now);
    expect(lead.amountOwed).toBe(8_919_500n);
    expect(lead.intakeAgency).toBe('UNION');
    expect(lead.receivedAt).toEqual(now);
    expect(lead.isMassCase).toBe(false);
  });

  it('flags 50 or more workers as a mass case', () => {
    expect(acceptLeadReport(report({ workerCount: 50 }), officer, now).isMassCase).toBe(true);
    expect(acceptLeadReport(report({ workerCount: 49 }), officer, now).isMassCase).toBe(false);
  });

  it.each<[string, Partial<LeadReport>]>([
    ['regionCode', { regionCode: '14042' }],
    ['regionCode', { regionCode: '140105' }],
    ['employerCreditCode', { employerCreditCode: '91140400MA0K6X5Y13' }],
    ['amountOwed', { amountOwed: '1.005' }],
    ['amountOwed', { amountOwed: '-3.00' }],
    ['amountOwed', { amountOwed: 'many' }],
    ['workerCount', { workerCount: 0 }],
    ['wagePeriodEnd', { wagePeriodStart: '2025-06-01', wagePeriodEnd: '2025-05-31' }],
    ['wagePeriodStart', { wagePeriodStart: '2025-02-30' }],
    ['receivedAt', { receivedAt: new Date('2026-12-25T00:00:00Z') }],
    ['receivedAt', { receivedAt: new Date(NaN) }],
    ['description', { description: '   ' }],
    ['employerName', { employerName: 'x'.repeat(201) }],
    ['complainants[0].idNumber', { complainants: [{ name: '王某', idNumber: '110105194912310021' }] }],
    ['complainants[0].name', { complainants: [{ name: '' }] }],
    ['generalContractorName', { generalContractorCreditCode: '91350100M000100Y43' }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it', (field, over) => {
    const e = refusal(over);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.invalidFields?.map((f) => f.field)).toContain(field);
    expect(e.message).toContain(field);
  });

  it('lists every invalid field at once', () => {
    const e = refusal({ workerCount: 0, amountOwed: '1.005', regionCode: 'abc' });
    expect(e.details.invalidFields?.map((f) => f.field).sort()).toEqual(['amountOwed', 'regionCode', 'workerCount']);
  });

  it('needs the INTAKE role', () => {
    expect(refusal({}, { ...officer, roles: ['VIEWER'] }).code).toBe('FORBIDDEN');
  });

  it('normalises employer names typed with full-width brackets and spaces', () => {
    expect(normalizeEmployerName('山西某某建筑（集团）有限公司 ')).toBe(normalizeEmployerName('山西某某建筑(集团)有限公司'));
    expect(normalizeEmployerName('ＡＢＣ建筑 公司')).toBe(normalizeEmployerName('abc建筑公司'));
  });

  it('keeps names that are written differently apart: other punctuation and symbols count', () => {
    const keys = ['=1+1', '＝1+1', '11', '1+1', 'A&B公司', 'AB公司', '长治·某公司', '长治某公司'].map(normalizeEmployerName);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('removes invisible and bidirectional control characters from names, not from what they say', () => {
    const accepted = acceptLeadReport(
      report({
        employerName: '\u202E长治\u200B某\u2066建筑\u2069有限公司\uFEFF\u200F',
        projectName: '某\u00AD小区\n二期',
        complainants: [{ name: '王\u200D某\u061C', idNumber: null, phone: null }],
      }),
      officer,
      now,
    );
    expect(accepted.employer.name).toBe('长治某建筑有限公司');
    expect(accepted.projectName).toBe('某小区 二期');
    expect(accepted.complainants[0].name).toBe('王某');
    expect(refusal({ employerName: '\u202E\u200B' }).details.invalidFields).toEqual([{ field: 'employerName', message: 'is required', reason: 'FIELD_REQUIRED', params: {} }]);
    expect(refusal({ employerName: '=+-' }).details.invalidFields?.[0]).toMatchObject({ field: 'employerName', reason: 'EMPLOYER_NAME_NO_LETTERS' });
  });
});
