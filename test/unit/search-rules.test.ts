import { decodeLeadCursor, leadCursor, planSearch } from '../../services/leads/src/modules/lead/search.rules';
import type { Principal } from '../../lib/auth';

const staff = (roles: Principal['roles']): Principal => ({ id: 's', name: '某', agency: 'UNION', region: '140400', roles });

describe('search rules', () => {
  it('shows and records an ID number or phone masked, anything else as typed', () => {
    expect(planSearch(staff(['HANDLER']), '11010519491231002x')).toMatchObject({ kind: 'ID_NUMBER', shown: '1101**********002X', personal: true, mayMatch: true });
    expect(planSearch(staff(['HANDLER']), '+86 138 1234 5678')).toMatchObject({ kind: 'PHONE', shown: '138****5678', personal: true });
    expect(planSearch(staff(['VIEWER']), '某建筑')).toMatchObject({ kind: 'NAME', shown: '某建筑', personal: false, mayMatch: true });
    expect(planSearch(staff(['HANDLER']), '   ')).toBeNull();
    expect(planSearch(staff(['HANDLER']), null)).toBeNull();
  });

  it('lets a VIEWER account match nothing by ID number or phone', () => {
    expect(planSearch(staff(['VIEWER']), '11010519491231002X')?.mayMatch).toBe(false);
    expect(planSearch(staff(['VIEWER']), '13812345678')?.mayMatch).toBe(false);
  });

  it('refuses a search longer than 100 characters, counted in characters', () => {
    expect(planSearch(staff(['HANDLER']), '王'.repeat(100))?.kind).toBe('NAME');
    expect(() => planSearch(staff(['HANDLER']), '王'.repeat(101))).toThrow();
  });

  it("reads back each order's cursor and refuses it in another order or forged", () => {
    const lead = { id: '0b7f2c1e-8a3d-4c5b-9e6f-1a2b3c4d5e6f', receivedAt: new Date('2026-05-01T02:00:00.000Z'), amountOwedFen: '8919500', workerCount: 4 };
    expect(decodeLeadCursor('RECEIVED_DESC', leadCursor('RECEIVED_DESC', lead))).toEqual(['2026-05-01T02:00:00.000Z', lead.id]);
    expect(decodeLeadCursor('RECEIVED_ASC', leadCursor('RECEIVED_ASC', lead))).toEqual(['2026-05-01T02:00:00.000Z', lead.id]);
    expect(decodeLeadCursor('AMOUNT_DESC', leadCursor('AMOUNT_DESC', lead))).toEqual(['8919500', lead.id]);
    expect(decodeLeadCursor('WORKERS_DESC', leadCursor('WORKERS_DESC', lead))).toEqual(['4', lead.id]);
    expect(() => decodeLeadCursor('WORKERS_DESC', leadCursor('AMOUNT_DESC', lead))).toThrow();
    expect(() => decodeLeadCursor('AMOUNT_DESC', leadCursor('RECEIVED_DESC', lead))).toThrow();
    expect(() => decodeLeadCursor('AMOUNT_DESC', Buffer.from(JSON.stringify(['AMOUNT_DESC', '1; drop', lead.id])).toString('base64url'))).toThrow();
    expect(decodeLeadCursor('AMOUNT_DESC', null)).toBeNull();
  });
});
