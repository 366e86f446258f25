import { assessEmployer, rankWatchList, type EmployerFacts } from '../../services/leads/src/modules/watch-list/watch-list.rules';

const facts = (over: Partial<EmployerFacts> & { employerId: string }): EmployerFacts => ({ employerName: over.employerId, leads: 1, openLeads: 1, massCases: 0, broken: [], ...over });

describe('the employer watch list', () => {
  it('leaves off an employer with one quiet lead, and calls repeated leads or a mass case latent risk', () => {
    expect(assessEmployer(facts({ employerId: 'quiet' }))).toBeNull();
    expect(assessEmployer(facts({ employerId: 'repeat', leads: 3 }))).toMatchObject({ risk: 'LATENT', score: 2 });
    expect(assessEmployer(facts({ employerId: 'mass', massCases: 1 }))).toMatchObject({ risk: 'LATENT', score: 2 });
  });

  it('puts broken commitments first, then the higher score, then the larger amount unpaid past due', () => {
    const ranked = rankWatchList([
      facts({ employerId: 'latent-big', leads: 9 }),
      facts({ employerId: 'order-small', broken: [{ kind: 'OVERDUE_PAYMENT_ORDER', count: 1, outstandingFen: 100n }] }),
      facts({ employerId: 'order-large', broken: [{ kind: 'OVERDUE_PAYMENT_ORDER', count: 1, outstandingFen: 1_000_000n }] }),
      facts({ employerId: 'installments', broken: [{ kind: 'MISSED_INSTALLMENT', count: 2, outstandingFen: 50n }] }),
    ]);
    expect(ranked.map((e) => e.employerId)).toEqual(['installments', 'order-large', 'order-small', 'latent-big']);
    expect(ranked[0]).toMatchObject({ risk: 'EXPLICIT', score: 4, outstandingFen: 50n });
  });
});
