import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkingCalendar, YearSchedule, loadWorkingCalendar, validateSchedule } from '../../lib/calendar/working-days';

// Every expected date below was worked out by hand from the notices (weekdays: 2026-01-01 and 2026-10-01 are Thursdays,
// 2025-10-01 is a Wednesday), not by calling the code under test.

// The built-in data only, whatever the developer's shell has set.
delete process.env.HUB_CALENDAR_DIR;
const builtIn = () => loadWorkingCalendar();

describe('built-in data matches the State Council notices', () => {
  // The notices' ranges, written independently of the JSON files' day-by-day lists.
  const notices: Record<number, { off: Array<[string, string]>; work: string[] }> = {
    2024: {
      off: [
        ['01-01', '01-01'], ['02-10', '02-17'], ['04-04', '04-06'], ['05-01', '05-05'], ['06-10', '06-10'], ['09-15', '09-17'],
        ['10-01', '10-07'],
      ],
      work: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
    },
    2025: {
      off: [['01-01', '01-01'], ['01-28', '02-04'], ['04-04', '04-06'], ['05-01', '05-05'], ['05-31', '06-02'], ['10-01', '10-08']],
      work: ['01-26', '02-08', '04-27', '09-28', '10-11'],
    },
    2026: {
      off: [
        ['01-01', '01-03'], ['02-15', '02-23'], ['04-04', '04-06'], ['05-01', '05-05'], ['06-19', '06-21'], ['09-25', '09-27'],
        ['10-01', '10-07'],
      ],
      work: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
    },
  };

  it.each([2024, 2025, 2026])('%i: every listed day off is off and every adjusted workday is on', (year) => {
    const cal = builtIn();
    const wrong: string[] = [];
    for (const [a, b] of notices[year].off) {
      for (let t = Date.parse(`${year}-${a}T00:00:00Z`); t <= Date.parse(`${year}-${b}T00:00:00Z`); t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        if (cal.isWorkingDay(d)) wrong.push(`${d} should be off`);
      }
    }
    for (const d of notices[year].work) if (!cal.isWorkingDay(`${year}-${d}`)) wrong.push(`${year}-${d} should be a workday`);
    expect(wrong).toEqual([]);
  });

  it('has 28, 28 and 33 days off and 8, 5 and 6 adjusted workdays in 2024, 2025 and 2026', () => {
    const counts = [2024, 2025, 2026].map((y) => {
      const raw = JSON.parse(fs.readFileSync(path.join(__dirname, `../../lib/calendar/data/${y}.json`), 'utf8')) as YearSchedule;
      return [raw.holidays.length, raw.workdays.length];
    });
    expect(counts).toEqual([[28, 8], [28, 5], [33, 6]]);
  });

  it('knows 2024, 2025 and 2026 and names the notice for each', () => {
    expect(builtIn().years()).toEqual([2024, 2025, 2026]);
    for (const y of [2024, 2025, 2026]) {
      const raw = JSON.parse(fs.readFileSync(path.join(__dirname, `../../lib/calendar/data/${y}.json`), 'utf8')) as YearSchedule;
      expect(raw.source).toContain(`国务院办公厅关于${y}年部分节假日安排的通知`);
      expect(raw.source).toMatch(/https:\/\/www\.gov\.cn\//);
    }
  });
});

describe('WorkingCalendar', () => {
  it('counts 10 working days from Thu 2026-09-24 across Mid-Autumn and National Day to Thu 2026-10-15', () => {
    // 25–27 off; 28, 29, 30 = 1–3; Oct 1–7 off; 8, 9 = 4–5; Sat 10 (调休) = 6; 12–15 = 7–10.
    expect(builtIn().addWorkingDays('2026-09-24', 10)).toBe('2026-10-15');
  });

  it('counts 10 working days from Fri 2025-09-26 to Thu 2025-10-16 (Sun 28 Sep and Sat 11 Oct are workdays)', () => {
    expect(builtIn().addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('counts an adjusted Saturday or Sunday as a working day and an ordinary weekend as not', () => {
    const cal = builtIn();
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay('2026-10-09')).toBe(true); // ordinary Friday
    expect(cal.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Sat before Spring Festival
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // Feb 15–23 off
  });

  it('crosses from one year into the next', () => {
    expect(builtIn().addWorkingDays('2024-12-31', 1)).toBe('2025-01-02'); // 2025-01-01 off, no 调休
  });

  it('counts working days between two dates, the first excluded and the last included', () => {
    const cal = builtIn();
    expect(cal.workingDaysBetween('2026-09-24', '2026-10-15')).toBe(10);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-15', '2026-10-15')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-15', '2026-09-24')).toBe(0);
  });

  it('refuses a count below 1, a fraction and a malformed date', () => {
    const cal = builtIn();
    expect(() => cal.addWorkingDays('2026-09-24', 0)).toThrow(/at least 1/);
    expect(() => cal.addWorkingDays('2026-09-24', 1.5)).toThrow(/whole number/);
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(/not a calendar date/);
    expect(() => cal.isWorkingDay('24/09/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('falls back to Monday–Friday for a year without data and warns once per such year', () => {
    const warnings: string[] = [];
    const cal = loadWorkingCalendar({ warn: (m) => warnings.push(m) });
    // Thu 2026-12-31 → Fri 2027-01-01 (no data, counted) = 1; Mon 2027-01-04 = 2.
    expect(cal.addWorkingDays('2026-12-31', 2)).toBe('2027-01-04');
    expect(cal.isWorkingDay('2027-05-01')).toBe(false); // a Saturday
    expect(cal.isWorkingDay('2027-05-03')).toBe(true); // a Monday
    expect(warnings).toEqual([
      'no holiday schedule for 2027: counting Monday to Friday as working days; ' +
        'add lib/calendar/data/2027.json or a 2027.json in HUB_CALENDAR_DIR',
    ]);
    cal.isWorkingDay('2028-01-03');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('2028');
    cal.isWorkingDay('2026-05-06'); // a year with data never warns
    expect(warnings).toHaveLength(2);
  });

  it('refuses two schedules for the same year', () => {
    const s: YearSchedule = { year: 2030, source: 'test', holidays: [], workdays: [] };
    expect(() => new WorkingCalendar([s, s])).toThrow(/two holiday schedules for 2030/);
  });
});

describe('dueAt (Asia/Shanghai, UTC+8)', () => {
  const cal = builtIn();

  it('uses the Shanghai date: 23:00 on 30 Sep in Shanghai plus 10 working days ends at midnight starting 21 Oct', () => {
    // 2026-09-30T15:00Z is 23:00 on Wed 30 Sep in Shanghai; 10 working days after 30 Sep: Oct 8, 9, 10, 12–16, 19, 20.
    expect(cal.dueAt(new Date('2026-09-30T15:00:00Z'), 10).toISOString()).toBe('2026-10-20T16:00:00.000Z');
  });

  it('moves by a week when arrival crosses Shanghai midnight before the National Day holiday', () => {
    // 23:59:59 on Tue 29 Sep in Shanghai → next working day Wed 30 Sep → due 1 Oct 00:00 Shanghai.
    expect(cal.dueAt(new Date('2026-09-29T15:59:59Z'), 1).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    // 00:00 on Wed 30 Sep in Shanghai (still 29 Sep in UTC) → next working day Thu 8 Oct → due 9 Oct 00:00 Shanghai.
    expect(cal.dueAt(new Date('2026-09-29T16:00:00Z'), 1).toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('treats arrival on an adjusted Saturday like any working day: it does not count itself', () => {
    // 00:00 on Sat 14 Feb 2026 (调休上班) in Shanghai → next working day Tue 24 Feb → due 25 Feb 00:00 Shanghai.
    expect(cal.dueAt(new Date('2026-02-13T16:00:00Z'), 1).toISOString()).toBe('2026-02-24T16:00:00.000Z');
  });
});

describe('operator-supplied years (HUB_CALENDAR_DIR)', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-calendar-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.HUB_CALENDAR_DIR;
  });

  const write = (name: string, body: unknown) => fs.writeFileSync(path.join(dir, name), JSON.stringify(body));

  it('adds a year from HUB_CALENDAR_DIR without a warning', () => {
    // A made-up 2027 for the test: only New Year's Day off.
    write('2027.json', { year: 2027, source: 'test fixture, not a real notice', holidays: ['2027-01-01'], workdays: [] });
    write('notes.txt', 'ignored');
    process.env.HUB_CALENDAR_DIR = dir;
    const warnings: string[] = [];
    const cal = loadWorkingCalendar({ warn: (m) => warnings.push(m) });
    expect(cal.years()).toEqual([2024, 2025, 2026, 2027]);
    // Thu 2026-12-31 → Fri 1 Jan off → Mon 4 Jan = 1, Tue 5 Jan = 2.
    expect(cal.addWorkingDays('2026-12-31', 2)).toBe('2027-01-05');
    expect(warnings).toEqual([]);
  });

  it('lets a file in extraDir replace a built-in year', () => {
    write('2026.json', { year: 2026, source: 'test fixture: no holidays', holidays: [], workdays: [] });
    const cal = loadWorkingCalendar({ extraDir: dir });
    expect(cal.isWorkingDay('2026-10-01')).toBe(true); // a Thursday, no longer a holiday
    expect(cal.isWorkingDay('2026-10-10')).toBe(false); // a Saturday, no longer 调休
    expect(cal.isWorkingDay('2025-10-01')).toBe(false); // other built-in years untouched
  });

  it('refuses a bad file, naming it', () => {
    write('2027.json', { year: 2027, source: 'test', holidays: [], workdays: ['2027-01-04'] }); // a Monday
    const file = path.join(dir, '2027.json');
    expect(() => loadWorkingCalendar({ extraDir: dir })).toThrow(`${file}: workday "2027-01-04" is not a Saturday or Sunday`);
  });

  it('refuses a file whose name and year disagree, broken JSON and a missing directory', () => {
    write('2027.json', { year: 2028, source: 'test', holidays: [], workdays: [] });
    expect(() => loadWorkingCalendar({ extraDir: dir })).toThrow(/"year" is 2028 but the file is named 2027\.json/);
    fs.writeFileSync(path.join(dir, '2027.json'), '{"year": 2027,');
    expect(() => loadWorkingCalendar({ extraDir: dir })).toThrow(/2027\.json: not readable JSON/);
    expect(() => loadWorkingCalendar({ extraDir: path.join(dir, 'missing') })).toThrow(/cannot read the holiday schedule directory/);
  });
});

describe('validateSchedule', () => {
  const good = { year: 2026, source: 'test', holidays: ['2026-10-01'], workdays: ['2026-10-10'] };

  it('accepts a well-formed schedule and sorts its dates', () => {
    expect(validateSchedule({ ...good, holidays: ['2026-10-02', '2026-10-01'] }, 'x.json').holidays).toEqual(['2026-10-01', '2026-10-02']);
  });

  it.each([
    ['not an object', [], /x\.json: must be a JSON object/],
    ['a missing year', { ...good, year: undefined }, /x\.json: "year" must be/],
    ['an empty source', { ...good, source: ' ' }, /x\.json: "source" must name/],
    ['holidays that are not a list', { ...good, holidays: '2026-10-01' }, /x\.json: "holidays" must be an array/],
    ['an impossible date', { ...good, holidays: ['2026-02-30'] }, /x\.json: holidays\[0\] "2026-02-30" is not a calendar date/],
    ['a badly written date', { ...good, holidays: ['2026-1-1'] }, /x\.json: holidays\[0\] "2026-1-1" must be a date as YYYY-MM-DD/],
    ['a date in another year', { ...good, holidays: ['2025-12-31'] }, /x\.json: holidays\[0\] "2025-12-31" is not in 2026/],
    ['a date listed twice', { ...good, holidays: ['2026-10-01', '2026-10-01'] }, /x\.json: holidays\[1\] "2026-10-01" is listed twice/],
    ['a day both off and on', { ...good, holidays: ['2026-10-10'] }, /x\.json: "2026-10-10" is listed both as a holiday and as a workday/],
    ['a workday on a weekday', { ...good, workdays: ['2026-10-09'] }, /x\.json: workday "2026-10-09" is not a Saturday or Sunday/],
  ])('refuses %s', (_what, raw, message) => {
    expect(() => validateSchedule(raw, 'x.json')).toThrow(message);
  });
});
