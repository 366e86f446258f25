/**
 * The blacklist procedure (失信联合惩戒名单), given the case as loaded, when each step arrives,
 * then these events or this refusal. No database: the decider is pure.
 */
import { addMonths, decideBlacklistCommand, listingStatus, missedDeadline, reachesCriminalThreshold } from '../../services/inspection/src/modules/blacklist/blacklist.rules';
import type { BlacklistCommand, BlacklistOrderNow, BlacklistState, ListingNow } from '../../services/inspection/src/modules/blacklist/blacklist.commands';
import { assessEmployer } from '../../services/leads/src/modules/watch-list/watch-list.rules';
import { DomainError } from '../../lib/errors';
import type { Principal } from '../../lib/auth';

const LEAD = '0b0e7a52-4a55-4c43-9a3c-1d2f3e4a5b6c';
const LISTING = '7d1c3c8e-2f0a-4b7e-9c1d-3a5b7c9d1e2f';
const AT = new Date('2026-11-23T02:00:00Z'); // 2026-11-23 in Asia/Shanghai
const handler: Principal = { id: 'insp-li', name: '李明', agency: 'INSPECTION', region: '140400', roles: ['HANDLER'] };
const supervisor: Principal = { ...handler, id: 'insp-wang', roles: ['SUPERVISOR'] };
const unionStaff: Principal = { ...handler, agency: 'UNION' };

const lapsedOrder: BlacklistOrderNow = { amountFen: 8_919_500n, paidFen: 0n, payBy: '2026-11-10', lastPaidOn: null };
const given = (over: Partial<BlacklistState> = {}, listing: Partial<ListingNow> | null = null): BlacklistState => ({
  leadId: LEAD,
  case: { transferState: 'ACCEPTED', closureState: 'OPEN', openedAt: new Date('2026-11-01T00:00:00Z'), leadReceivedAt: new Date('2026-11-01T00:00:00Z'), amountOwedFen: '8919500', workerCount: 4 },
  orders: [lapsedOrder],
  listing: listing && { id: LISTING, state: 'PROPOSED', proposedOn: '2026-11-20', proposedUntil: '2029-11-20', ...listing },
  newListingId: LISTING,
  ...over,
});
const when = (s: BlacklistState, cmd: Record<string, unknown> & { type: BlacklistCommand['type'] }, by: Principal = handler, at = AT) => decideBlacklistCommand(s, { by, at, ...cmd } as BlacklistCommand);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.reason;
  }
  throw new Error('expected a refusal');
};

describe('the conditions of a listing', () => {
  it('reaches the criminal threshold from 5,000 yuan owed to one worker, or 30,000 yuan to ten or more', () => {
    expect(reachesCriminalThreshold(500_000n, 1)).toBe(true);
    expect(reachesCriminalThreshold(499_999n, 1)).toBe(false);
    // Four workers owed 19,999.96 yuan: on average under 5,000 each, so none need be owed 5,000.
    expect(reachesCriminalThreshold(1_999_996n, 4)).toBe(false);
    expect(reachesCriminalThreshold(2_000_000n, 4)).toBe(true);
    expect(reachesCriminalThreshold(3_000_000n, 10)).toBe(true);
    expect(reachesCriminalThreshold(2_999_999n, 10)).toBe(false);
    expect(reachesCriminalThreshold(10_000_000n, 0)).toBe(false);
  });

  it('counts a deadline missed when the order is unpaid past its day, or paid in full only after it', () => {
    expect(missedDeadline(lapsedOrder, '2026-11-11')).toBe(true);
    expect(missedDeadline(lapsedOrder, '2026-11-10')).toBe(false);
    expect(missedDeadline({ ...lapsedOrder, paidFen: lapsedOrder.amountFen, lastPaidOn: '2026-11-09' }, '2026-11-23')).toBe(false);
    expect(missedDeadline({ ...lapsedOrder, paidFen: lapsedOrder.amountFen, lastPaidOn: '2026-11-12' }, '2026-11-23')).toBe(true);
  });

  it('counts months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-11-23', 36)).toBe('2029-11-23');
    expect(addMonths('2028-02-29', 36)).toBe('2031-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 6)).toBe('2027-06-15');
  });
});

describe('proposing a listing', () => {
  it('given a lapsed order and arrears over the threshold, when inspection proposes, then a 3-year listing is proposed, the reason on the timeline only', () => {
    const e = when(given(), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: '责令限期支付逾期仍拒不支付' });
    expect(e).toEqual({
      kind: 'BLACKLIST_PROPOSED',
      entity: { type: 'BlacklistListing', id: LISTING },
      leadId: LEAD,
      facts: { listingId: LISTING, ground: 'CRIMINAL_THRESHOLD', until: '2029-11-23' },
      text: { reason: '责令限期支付逾期仍拒不支付' },
    });
  });

  it('when no payment order was missed, then it is refused', () => {
    expect(refusal(() => when(given({ orders: [] }), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }))).toBe('BLACKLIST_NEEDS_MISSED_ORDER');
    expect(refusal(() => when(given({ orders: [{ ...lapsedOrder, payBy: '2026-11-30' }] }), { type: 'propose', ground: 'MASS_INCIDENT', reason: 'x' }))).toBe('BLACKLIST_NEEDS_MISSED_ORDER');
  });

  it('when the arrears are below the threshold, then only a mass incident is a ground', () => {
    const small = given({ case: { ...given().case, amountOwedFen: '1200000', workerCount: 4 } });
    expect(refusal(() => when(small, { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }))).toBe('BLACKLIST_BELOW_CRIMINAL_THRESHOLD');
    expect(when(small, { type: 'propose', ground: 'MASS_INCIDENT', reason: '40余名农民工聚集讨薪' }).facts).toMatchObject({ ground: 'MASS_INCIDENT' });
  });

  it('when a procedure is under way or a listing is in force, then it is refused; after a rejection or the 3 years, a new one may start', () => {
    const propose = (l: Partial<ListingNow>) => refusal(() => when(given({}, l), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }));
    expect(propose({ state: 'NOTIFIED' })).toBe('BLACKLIST_ALREADY_PROPOSED');
    expect(propose({ state: 'LISTED', until: '2029-11-20' })).toBe('BLACKLIST_ALREADY_LISTED');
    expect(when(given({}, { state: 'REJECTED' }), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }).kind).toBe('BLACKLIST_PROPOSED');
    expect(when(given({}, { state: 'LISTED', until: '2026-11-23' }), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }).kind).toBe('BLACKLIST_PROPOSED');
  });

  it('when someone outside inspection, or without a reason, proposes, then it is refused', () => {
    expect(refusal(() => when(given(), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: 'x' }, unionStaff))).toBe('INSPECTION_STAFF_REQUIRED');
    expect(refusal(() => when(given(), { type: 'propose', ground: 'CRIMINAL_THRESHOLD', reason: '  ' }))).toBe('FIELD_REQUIRED');
  });
});

describe('telling the employer and hearing it', () => {
  it('given a proposal, when the employer is told, then the day is recorded; not before the proposal, not twice', () => {
    expect(when(given({}, {}), { type: 'notify', noticeOn: '2026-11-21' })).toMatchObject({ kind: 'BLACKLIST_NOTIFIED', facts: { listingId: LISTING, noticeOn: '2026-11-21' } });
    expect(when(given({}, {}), { type: 'notify' }).facts).toMatchObject({ noticeOn: '2026-11-23' });
    expect(refusal(() => when(given({}, {}), { type: 'notify', noticeOn: '2026-11-19' }))).toBe('DATE_BEFORE_BLACKLIST_PROPOSAL');
    expect(refusal(() => when(given({}, { state: 'NOTIFIED', noticeOn: '2026-11-21' }), { type: 'notify' }))).toBe('BLACKLIST_ALREADY_NOTIFIED');
    expect(refusal(() => when(given(), { type: 'notify' }))).toBe('BLACKLIST_NOT_PROPOSED');
  });

  it('given the employer was told, when its statement is recorded, then its day and outcome are facts and what it said is text', () => {
    const told = given({}, { state: 'NOTIFIED', noticeOn: '2026-11-21' });
    expect(when(told, { type: 'recordStatement', statedOn: '2026-11-22', statementOutcome: 'NOT_ADOPTED', statement: '资金周转困难' })).toEqual({
      kind: 'BLACKLIST_STATEMENT_RECORDED',
      entity: { type: 'BlacklistListing', id: LISTING },
      leadId: LEAD,
      facts: { listingId: LISTING, statedOn: '2026-11-22', outcome: 'NOT_ADOPTED' },
      text: { summary: '资金周转困难' },
    });
    expect(when(told, { type: 'recordStatement', statementOutcome: 'NONE_MADE' }).facts).toMatchObject({ outcome: 'NONE_MADE', statedOn: '2026-11-23' });
    expect(refusal(() => when(told, { type: 'recordStatement', statementOutcome: 'ADOPTED', statement: '' }))).toBe('FIELD_REQUIRED');
    expect(refusal(() => when(told, { type: 'recordStatement', statedOn: '2026-11-20', statementOutcome: 'NONE_MADE' }))).toBe('DATE_BEFORE_BLACKLIST_NOTICE');
    expect(refusal(() => when(given({}, {}), { type: 'recordStatement', statementOutcome: 'NONE_MADE' }))).toBe('BLACKLIST_NOT_NOTIFIED');
    expect(refusal(() => when(given({}, { state: 'HEARD', statedOn: '2026-11-22' }), { type: 'recordStatement', statementOutcome: 'NONE_MADE' }))).toBe('BLACKLIST_STATEMENT_ALREADY_RECORDED');
  });
});

describe("the SUPERVISOR's decision", () => {
  const heard = (outcome: 'ADOPTED' | 'NOT_ADOPTED' | 'NONE_MADE' = 'NOT_ADOPTED') => given({}, { state: 'HEARD', noticeOn: '2026-11-21', statedOn: '2026-11-22', statementOutcome: outcome });

  it('given the employer was heard, when a supervisor lists it, then the listing runs 3 years from the decision', () => {
    expect(when(heard(), { type: 'decide', list: true, reason: '符合列入条件' }, supervisor)).toMatchObject({ kind: 'BLACKLIST_LISTED', facts: { listingId: LISTING, listedOn: '2026-11-23', until: '2029-11-23' }, text: { reason: '符合列入条件' } });
    expect(when(heard(), { type: 'decide', list: false, reason: '已全额支付', decisionDate: '2026-11-22' }, supervisor)).toMatchObject({ kind: 'BLACKLIST_REJECTED', facts: { decidedOn: '2026-11-22' } });
  });

  it('when a handler decides, or before the employer was told and heard, then it is refused', () => {
    expect(refusal(() => when(heard(), { type: 'decide', list: true, reason: 'x' }))).toBe('BLACKLIST_SUPERVISOR_REQUIRED');
    expect(refusal(() => when(given({}, {}), { type: 'decide', list: true, reason: 'x' }, supervisor))).toBe('BLACKLIST_NOT_NOTIFIED');
    expect(refusal(() => when(given({}, { state: 'NOTIFIED', noticeOn: '2026-11-21' }), { type: 'decide', list: true, reason: 'x' }, supervisor))).toBe('BLACKLIST_STATEMENT_PENDING');
    expect(refusal(() => when(given(), { type: 'decide', list: true, reason: 'x' }, supervisor))).toBe('BLACKLIST_NOT_PROPOSED');
  });

  it('when the statement was adopted, then the employer cannot be listed, only not listed', () => {
    expect(refusal(() => when(heard('ADOPTED'), { type: 'decide', list: true, reason: 'x' }, supervisor))).toBe('BLACKLIST_STATEMENT_ADOPTED');
    expect(when(heard('ADOPTED'), { type: 'decide', list: false, reason: '采纳申辩' }, supervisor).kind).toBe('BLACKLIST_REJECTED');
  });

  it('when decided already, or dated before the statement, then it is refused', () => {
    expect(refusal(() => when(given({}, { state: 'LISTED', decidedOn: '2026-11-22', until: '2029-11-22' }), { type: 'decide', list: true, reason: 'x' }, supervisor))).toBe('BLACKLIST_ALREADY_DECIDED');
    expect(refusal(() => when(heard(), { type: 'decide', list: true, reason: 'x', decisionDate: '2026-11-21' }, supervisor))).toBe('DATE_BEFORE_BLACKLIST_STATEMENT');
  });
});

describe('a listing, its end and its early removal', () => {
  const listedAt = (listedOn: string, orders: BlacklistOrderNow[] = [{ ...lapsedOrder, paidFen: lapsedOrder.amountFen, lastPaidOn: '2026-12-01' }]) =>
    given({ orders }, { state: 'LISTED', noticeOn: '2026-11-21', statedOn: '2026-11-22', statementOutcome: 'NONE_MADE', decidedOn: listedOn, listedOn, until: addMonths(listedOn, 36) });
  const later = (day: string) => new Date(`${day}T10:00:00+08:00`);
  const remove = (s: BlacklistState, at: Date, over: object = {}) => when(s, { type: 'removeEarly', arrearsPaidOn: '2026-12-01', pledgeOn: '2027-06-02', ...over }, supervisor, at);

  it('expires at the start of the day 3 years on', () => {
    expect(listingStatus({ state: 'LISTED', until: '2029-11-23' }, '2029-11-22')).toBe('LISTED');
    expect(listingStatus({ state: 'LISTED', until: '2029-11-23' }, '2029-11-23')).toBe('EXPIRED');
    expect(listingStatus({ state: 'REMOVED_EARLY', until: '2029-11-23' }, '2030-01-01')).toBe('REMOVED_EARLY');
  });

  it('given the arrears paid 6 months ago and a written pledge, when a supervisor removes the listing, then it ends early', () => {
    expect(remove(listedAt('2026-11-23'), later('2027-06-02'), { note: '已提交信用承诺书' })).toEqual({
      kind: 'BLACKLIST_REMOVED_EARLY',
      entity: { type: 'BlacklistListing', id: LISTING },
      leadId: LEAD,
      facts: { listingId: LISTING, removedOn: '2027-06-02', arrearsPaidOn: '2026-12-01', pledgeOn: '2027-06-02', listedOn: '2026-11-23' },
      text: { note: '已提交信用承诺书' },
    });
  });

  it('when less than 6 months passed since the arrears were paid, then it is refused at that date, saying from when', () => {
    const e = (() => {
      try {
        remove(listedAt('2026-11-23'), later('2027-05-31'), { pledgeOn: '2027-05-31' });
      } catch (x) {
        return x as DomainError;
      }
    })()!;
    expect(e.reason).toBe('BLACKLIST_REMOVAL_TOO_EARLY');
    expect(e.params).toEqual({ date: '2027-06-01' });
  });

  it('when arrears are unpaid, the pledge is dated before the listing, the arrears before the last payment, or by a handler, then it is refused', () => {
    expect(refusal(() => remove(listedAt('2026-11-23', [lapsedOrder]), later('2027-06-02')))).toBe('BLACKLIST_ARREARS_UNPAID');
    expect(refusal(() => remove(listedAt('2026-11-23'), later('2027-06-02'), { pledgeOn: '2026-11-22' }))).toBe('DATE_BEFORE_BLACKLIST_LISTING');
    expect(refusal(() => remove(listedAt('2026-11-23'), later('2027-06-02'), { arrearsPaidOn: '2026-11-30' }))).toBe('DATE_BEFORE_LAST_ORDER_PAYMENT');
    expect(refusal(() => when(listedAt('2026-11-23'), { type: 'removeEarly', arrearsPaidOn: '2026-12-01', pledgeOn: '2027-06-02' }, handler, later('2027-06-02')))).toBe('BLACKLIST_SUPERVISOR_REQUIRED');
  });

  it('when the listing expired or never was, then there is nothing to remove', () => {
    expect(refusal(() => remove(listedAt('2026-11-23'), later('2029-11-23')))).toBe('BLACKLIST_NOT_LISTED');
    expect(refusal(() => remove(given({}, { state: 'REJECTED' }), later('2027-06-02')))).toBe('BLACKLIST_NOT_LISTED');
  });
});

describe('the employer watch list shows a listing', () => {
  it('given a listing in force, then the employer is an explicit risk with the day the listing ends', () => {
    const facts = { employerId: 'e', employerName: '长治市某建筑劳务有限公司', leads: 1, openLeads: 0, massCases: 0, broken: [] };
    expect(assessEmployer(facts)).toBeNull();
    expect(assessEmployer({ ...facts, listings: 1, blacklistedUntil: '2029-11-23' })).toMatchObject({ risk: 'EXPLICIT', score: 3, blacklistedUntil: '2029-11-23', signals: [{ kind: 'BLACKLISTED', count: 1, outstandingFen: null }] });
  });
});
