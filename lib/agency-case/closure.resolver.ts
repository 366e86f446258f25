import { Arg, Ctx, ID, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { EntityClass } from '@mikro-orm/core';
import type { HubContext } from '../context';
import type { Agency } from '../domain/enums';
import { CloseCaseInput } from '../graphql/inputs';
import { CASE_CLOSED, CASE_REOPENED, type CaseClosed, type CaseReopened, type ClosureFacts } from '../messages';
import type { CommandContext, Outgoing } from '../command/handler';
import { decideClosure } from './closure';
import { handleAgencyCommand, lockAgencyCase } from './case-access';
import { markClosed, markOpen } from './agency-states.entity';
import type { AgencyCaseRecord } from './agency-case.entity';
import type { ClosureCommand, ClosureEvent } from './closure.commands';

export interface ClosureOptions<R extends AgencyCaseRecord, C extends object> {
  entity: EntityClass<R>;
  CaseType: ClassType<C>;
  agency: Agency;
  caseName: string;
  toCase: (r: R) => C;
  /** An agency's own extra condition for closing (inspection: a referred lead needs a callback): loads what it needs, returns the pure check. */
  loadCloseCheck?: (em: HubContext<unknown>['em'], c: R) => Promise<(facts: ClosureFacts) => void>;
}

const closureOf = (e: ClosureEvent & { kind: 'CASE_CLOSED' }, cmd: ClosureCommand): ClosureFacts => ({ ...e.facts, note: e.text?.note ?? '', closedAt: cmd.at.toISOString(), closedBy: cmd.by.id });

/** What the registry hears: it shows closures on Lead.agencies (the timeline entry comes with the event). */
function closureMessages(e: ClosureEvent, cmd: ClosureCommand, agency: Agency): Outgoing[] {
  const leadId = e.leadId!;
  if (e.kind === 'CASE_CLOSED') {
    const message: CaseClosed = { leadId, agency, closure: closureOf(e, cmd) };
    return [{ to: 'leads', type: CASE_CLOSED, payload: message }];
  }
  const message: CaseReopened = { leadId, agency, note: e.text?.note ?? '', reopenedAt: cmd.at.toISOString(), reopenedBy: cmd.by.id };
  return [{ to: 'leads', type: CASE_REOPENED, payload: message }];
}

export function runClosure<R extends AgencyCaseRecord, C extends object>(o: ClosureOptions<R, C>, ctx: CommandContext, leadId: string, command: ClosureCommand): Promise<R> {
  return handleAgencyCommand(ctx, {
    command,
    async load(tx) {
      const c = await lockAgencyCase(tx.em, o.entity, leadId, command.by, o.agency);
      const closeCheck = command.type === 'close' ? await o.loadCloseCheck?.(tx.em, c) : undefined;
      return { record: c, state: { leadId, transferState: c.transferState, feedbackState: c.feedbackState, closureState: c.closureState, closureReason: c.closureReason, amountOwedFen: c.amountOwedFen, workerCount: c.workerCount, closeCheck } };
    },
    decide: (s, cmd) => decideClosure(s.state, cmd, o.agency, o.caseName),
    apply(_tx, s, e) {
      if (e.kind === 'CASE_CLOSED') markClosed(s.record, closureOf(e, command));
      else markOpen(s.record);
    },
    messages: (e) => closureMessages(e, command, o.agency),
    result: (s) => s.record,
  });
}

/** close<Case> and reopen<Case> for one agency's cases. */
export function closureResolver<R extends AgencyCaseRecord, C extends object>(o: ClosureOptions<R, C>) {
  @Resolver()
  class CaseClosureResolver {
    @Mutation(() => o.CaseType, { name: `close${o.caseName}`, description: `Close ${o.agency}'s case (结案): reason, amount recovered, workers paid, note.` })
    async close(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => CloseCaseInput) input: CloseCaseInput, @Ctx() ctx: HubContext<unknown>): Promise<C> {
      return o.toCase(await runClosure(o, ctx, leadId, { type: 'close', input, by: ctx.principal, at: new Date() }));
    }

    @Mutation(() => o.CaseType, { name: `reopen${o.caseName}`, description: `Reopen ${o.agency}'s closed case; the note says why.` })
    async reopen(@Arg('leadId', () => ID) leadId: string, @Arg('note') note: string, @Ctx() ctx: HubContext<unknown>): Promise<C> {
      return o.toCase(await runClosure(o, ctx, leadId, { type: 'reopen', note, by: ctx.principal, at: new Date() }));
    }
  }
  return CaseClosureResolver;
}
