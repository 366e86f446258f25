import { creditCodeProblem, idNumberProblem, maskIdNumber, maskPhone, phoneProblem } from '../../lib/identifiers';
import { formatFen, formatTenThousandYuan, moneyProblem, toFen } from '../../lib/money';
import { isWithinJurisdiction, regionCodeProblem } from '../../lib/region';
import { dateProblem, shanghaiDate, shanghaiStartOfDay } from '../../lib/dates';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000802100433B', '91140400MA0K6X5Y12'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeUndefined();
  });

  it('catches a single mistyped character through the check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ reason: 'CREDIT_CODE_CHECK_CHARACTER', params: {} });
    expect(creditCodeProblem('91350100M000101Y43')).toEqual({ reason: 'CREDIT_CODE_CHECK_CHARACTER', params: {} });
  });

  it('refuses letters the standard does not use and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100O43')).toEqual({ reason: 'CREDIT_CODE_CHARACTER', params: { char: 'O' } });
    expect(creditCodeProblem('9135010')).toEqual({ reason: 'CREDIT_CODE_LENGTH', params: {} });
  });
});

describe('citizen ID numbers and phones', () => {
  it('checks the MOD 11-2 check digit, X included', () => {
    expect(idNumberProblem('11010519491231002X')).toBeUndefined();
    expect(idNumberProblem('110105194912310021')).toEqual({ reason: 'ID_NUMBER_CHECK_DIGIT', params: {} });
    expect(idNumberProblem('ABC')).toEqual({ reason: 'ID_NUMBER_FORMAT', params: {} });
  });

  it('masks all but the first and last four characters of an ID, and the middle of a phone', () => {
    expect(maskIdNumber('140421199001011234')).toBe('1404**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    // Shorter numbers show at most their last four digits (an 8-digit landline was 623*5678).
    expect(maskPhone('62345678')).toBe('****5678');
    expect(maskPhone('0351-6234567')).toBe('035****4567');
    expect(maskPhone('6234567890')).toBe('******7890');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('+86 138 1234 5678')).toBe('861******5678');
    expect(phoneProblem('0351-1234567')).toBeUndefined();
    expect(phoneProblem('call me')?.reason).toBe('PHONE_FORMAT');
  });
});

describe('money is exact', () => {
  it('keeps fen exactly: 70% of 89,195.00 is 62,436.50', () => {
    expect(formatFen((toFen('89195.00') * 70n) / 100n)).toBe('62436.50');
  });

  it('refuses more than two decimals, negatives and non-numbers', () => {
    expect(moneyProblem('1.005')?.reason).toBe('MONEY_TOO_MANY_DECIMALS');
    expect(moneyProblem('-1.00')?.reason).toBe('MONEY_NEGATIVE');
    expect(moneyProblem('abc')?.reason).toBe('MONEY_FORMAT');
    expect(moneyProblem('1e5')?.reason).toBe('MONEY_FORMAT');
    expect(moneyProblem('100')).toBeUndefined();
    expect(formatFen(toFen('100.5'))).toBe('100.50');
  });

  it('shows 万元 with four decimals for reports', () => {
    expect(formatTenThousandYuan(toFen('89195.00'))).toBe('8.9195');
    expect(formatTenThousandYuan(toFen('170000.00'))).toBe('17.0000');
    expect(formatTenThousandYuan(toFen('0.49'))).toBe('0.0000');
    expect(formatTenThousandYuan(toFen('0.50'))).toBe('0.0001');
  });
});

describe('regions and dates', () => {
  it('knows province, city and county jurisdictions', () => {
    expect(isWithinJurisdiction('140421', '140000')).toBe(true);
    expect(isWithinJurisdiction('140421', '140400')).toBe(true);
    expect(isWithinJurisdiction('140421', '140421')).toBe(true);
    expect(isWithinJurisdiction('140105', '140400')).toBe(false);
    expect(isWithinJurisdiction('330185', '140000')).toBe(false);
    expect(regionCodeProblem('990000')).toEqual({ reason: 'REGION_PROVINCE_UNKNOWN', params: { province: '99' } });
    expect(regionCodeProblem('14040')?.reason).toBe('REGION_CODE_FORMAT');
  });

  it('uses Asia/Shanghai calendar days', () => {
    expect(shanghaiDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(shanghaiStartOfDay('2026-11-23').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(dateProblem('2026-02-30')?.reason).toBe('DATE_NOT_IN_CALENDAR');
  });
});
