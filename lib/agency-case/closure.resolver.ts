import { Arg, Ctx, ID, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { EntityClass } from '@mikro-orm/core';
import type { HubContext } from '../context';
import type { Agency } from '../domain/enums';
import { CloseCaseInput } from '../graphql/inputs';
import { CASE_CLOSED, CASE_REOPENED, type CaseClosed, type CaseReopened, type ClosureFacts } from '../messages';
import { decideClose, decideReopen } from './closure';
import { lockAgencyCase } from './case-access';
import { markClosed, markOpen } from './agency-states.entity';
import type { AgencyCaseRecord } from './agency-case.entity';

/**
 * close<Case> and reopen<Case> for one agency's cases. The case row is locked, the rule decides,
 * the change is audited and the lead registry is told (it shows closures on Lead.agencies and the
 * timeline).
 */
export function closureResolver<R extends AgencyCaseRecord, C extends object>(o: {
  entity: EntityClass<R>;
  CaseType: ClassType<C>;
  agency: Agency;
  caseName: string;
  toCase: (r: R) => C;
  /** An agency's own extra condition for closing (inspection: a referred lead needs a callback). */
  beforeClose?: (em: HubContext<unknown>['em'], c: R, facts: ClosureFacts) => Promise<void>;
}) {
  @Resolver()
  class CaseClosureResolver {
    @Mutation(() => o.CaseType, { name: `close${o.caseName}`, description: `Close ${o.agency}'s case (结案): reason, amount recovered, workers paid, note.` })
    async close(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CloseCaseInput) input: CloseCaseInput, @Ctx() ctx: HubContext<unknown>): Promise<C> {
      const closed = await ctx.transact(async (tx) => {
        const c = await lockAgencyCase(tx.em, o.entity, leadId, ctx.principal, o.agency);
        const facts = decideClose(c, input, o.agency, ctx.principal, new Date());
        await o.beforeClose?.(tx.em, c, facts);
        markClosed(c, facts);
        tx.audit({ entityType: o.caseName, entityId: leadId, action: 'CASE_CLOSED', data: { reason: facts.reason, amountRecoveredFen: facts.amountRecoveredFen, workersPaid: facts.workersPaid } });
        const message: CaseClosed = { leadId, agency: o.agency, closure: facts };
        tx.emit('leads', CASE_CLOSED, { ...message });
        return c;
      });
      return o.toCase(closed);
    }

    @Mutation(() => o.CaseType, { name: `reopen${o.caseName}`, description: `Reopen ${o.agency}'s closed case; the note says why.` })
    async reopen(@Arg('leadId', () => ID) leadId: string, @Arg('note') note: string, @Ctx() ctx: HubContext<unknown>): Promise<C> {
      const reopened = await ctx.transact(async (tx) => {
        const c = await lockAgencyCase(tx.em, o.entity, leadId, ctx.principal, o.agency);
        const decided = decideReopen(c, note, o.agency, ctx.principal);
        const previous = c.closureReason;
        markOpen(c);
        tx.audit({ entityType: o.caseName, entityId: leadId, action: 'CASE_REOPENED', data: { previousReason: previous } });
        const message: CaseReopened = { leadId, agency: o.agency, note: decided.note, reopenedAt: new Date().toISOString(), reopenedBy: ctx.principal.id };
        tx.emit('leads', CASE_REOPENED, { ...message });
        return c;
      });
      return o.toCase(reopened);
    }
  }
  return CaseClosureResolver;
}
