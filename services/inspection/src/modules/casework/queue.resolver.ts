import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { acceptBy, decideExtension, investigationDueAt, nextDeadline, type DeadlineKind } from './inspection.rules';
import { lockAgencyCase, recordOnTimeline } from '../../../../../lib/agency-case/case-access';
import { calendar } from '../../../../../lib/calendar/calendar';
import { hasRole } from '../../../../../lib/auth';
import { refuse } from '../../../../../lib/errors';
import { jurisdictionPrefix } from '../../../../../lib/region';
import { shanghaiDate } from '../../../../../lib/dates';
import type { InspectionContext } from '../../context';

const DeadlineKindEnum = { ACCEPT_BY: 'ACCEPT_BY', FIRST_CONTACT: 'FIRST_CONTACT', PAYMENT_ORDER: 'PAYMENT_ORDER', INVESTIGATION: 'INVESTIGATION', FEEDBACK: 'FEEDBACK' } as const;
registerEnumType(DeadlineKindEnum, { name: 'InspectionDeadlineKind' });

/** Opens the investigation when inspection takes the lead on (its own intake, or acceptance); once. */
export async function openInvestigation(em: EntityManager, leadId: string, at: Date): Promise<void> {
  const c = await em.findOne(InspectionCaseRecord, { leadId });
  if (c && !c.investigationOpenedAt) c.investigationOpenedAt = at;
}

@ObjectType({ description: "An entry of an inspector's work queue: a case and what is due next on it." })
export class InspectionQueueItem {
  @Field(() => InspectionCase)
  inspectionCase!: InspectionCase;

  @Field(() => DeadlineKindEnum, { nullable: true })
  nextDeadlineKind!: DeadlineKind | null;

  @Field(() => Date, { nullable: true })
  nextDeadline!: Date | null;
}

/** The queue is worked out in memory over a jurisdiction's open cases; bounded here. */
const QUEUE_SCAN_LIMIT = 2000;

@Resolver(() => InspectionCase)
export class InspectionQueueResolver {
  @Query(() => [InspectionQueueItem], { description: 'My open cases (and leads waiting for anyone to accept them) in my jurisdiction, nearest deadline first.' })
  async inspectionQueue(@Ctx() ctx: InspectionContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<InspectionQueueItem[]> {
    if (ctx.principal.agency !== 'INSPECTION') throw refuse('INSPECTION_QUEUE_AGENCY_ONLY');
    const cases = await ctx.em.find(
      InspectionCaseRecord,
      { closureState: 'OPEN', regionCode: { $like: `${jurisdictionPrefix(ctx.principal.region)}%` }, $or: [{ handler: ctx.principal.id }, { transferState: 'PENDING_ACCEPTANCE' }] },
      { limit: QUEUE_SCAN_LIMIT, orderBy: { openedAt: 'asc' } },
    );
    const orders = await ctx.loaders.paymentOrders.loadMany(cases.map((c) => c.leadId));
    const items = cases.map((c, i) => {
      const mine = orders[i] instanceof Error ? [] : (orders[i]);
      const next = nextDeadline(c, mine.map((o) => ({ amountFen: BigInt(o.amountFen), paidFen: BigInt(o.paidFen), payBy: o.payBy })), calendar);
      return Object.assign(new InspectionQueueItem(), { inspectionCase: toInspectionCase(c), nextDeadlineKind: next?.kind ?? null, nextDeadline: next?.at ?? null });
    });
    items.sort((a, b) => (a.nextDeadline?.getTime() ?? Infinity) - (b.nextDeadline?.getTime() ?? Infinity));
    return items.slice(0, Math.min(Math.max(first, 0), 500));
  }

  @Query(() => [InspectionCase], { description: 'SUPERVISOR: referred leads past their accept-or-return deadline and still not accepted, oldest first.' })
  async overdueAcceptances(@Ctx() ctx: InspectionContext): Promise<InspectionCase[]> {
    if (ctx.principal.agency !== 'INSPECTION' || !hasRole(ctx.principal, 'SUPERVISOR')) throw refuse('OVERDUE_ACCEPTANCE_SUPERVISORS_ONLY');
    const pending = await ctx.em.find(
      InspectionCaseRecord,
      { closureState: 'OPEN', transferState: 'PENDING_ACCEPTANCE', regionCode: { $like: `${jurisdictionPrefix(ctx.principal.region)}%` } },
      { limit: QUEUE_SCAN_LIMIT, orderBy: { arrivedAt: 'asc' } },
    );
    const now = Date.now();
    return pending.filter((c) => (acceptBy(c, calendar)?.getTime() ?? Infinity) < now).map(toInspectionCase);
  }

  @Mutation(() => InspectionCase, { description: 'SUPERVISOR: extend the investigation once, by 30 working days, with the reason.' })
  async extendInvestigation(@Arg('leadId', () => ID) leadId: string, @Arg('reason') reason: string, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    const c = await ctx.transact(async (tx) => {
      const found = await lockAgencyCase(tx.em, InspectionCaseRecord, leadId, ctx.principal, 'INSPECTION');
      const d = decideExtension(ctx.principal, found, reason);
      Object.assign(found, { investigationExtendedAt: new Date(), investigationExtensionReason: d.reason });
      const due = investigationDueAt(found, calendar)!;
      tx.audit({ entityType: 'InspectionCase', entityId: leadId, action: 'INVESTIGATION_EXTENDED', data: { dueAt: due.toISOString() } });
      recordOnTimeline(tx, { leadId, agency: 'INSPECTION', actor: ctx.principal.id, kind: 'INVESTIGATION_EXTENDED', summary: `Investigation extended by 30 working days, now due ${shanghaiDate(new Date(due.getTime() - 1))}: ${d.reason}` });
      return found;
    });
    return toInspectionCase(c);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Investigation deadline: 60 working days after it opened, 90 once extended.' })
  investigationDueAt(@Root() c: InspectionCase): Date | null {
    return investigationDueAt(c.record, calendar);
  }

  @FieldResolver(() => String, { nullable: true })
  investigationExtensionReason(@Root() c: InspectionCase): string | null {
    return c.record.investigationExtensionReason ?? null;
  }
}
