import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { acceptBy, investigationDueAt, mayReadOverdueAcceptances, mayReadQueue, nextDeadline, type DeadlineKind } from './inspection.rules';
import { runInspection } from './casework.store';
import { calendar } from '../../../../../lib/calendar/calendar';
import { jurisdictionPrefix } from '../../../../../lib/region';
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

  @Field(() => Int, { nullable: true, description: 'Working days (Asia/Shanghai) left until nextDeadline: 0 means due today, negative once overdue.' })
  workingDaysLeft!: number | null;
}

/** The queue is worked out in memory over a jurisdiction's open cases; bounded here. */
const QUEUE_SCAN_LIMIT = 2000;

@Resolver(() => InspectionCase)
export class InspectionQueueResolver {
  @Query(() => [InspectionQueueItem], { description: 'My open cases (and leads waiting for anyone to accept them) in my jurisdiction, nearest deadline first.' })
  async inspectionQueue(@Ctx() ctx: InspectionContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<InspectionQueueItem[]> {
    mayReadQueue(ctx.principal);
    const cases = await ctx.em.find(
      InspectionCaseRecord,
      { closureState: 'OPEN', regionCode: { $like: `${jurisdictionPrefix(ctx.principal.region)}%` }, $or: [{ handler: ctx.principal.id }, { transferState: 'PENDING_ACCEPTANCE' }] },
      { limit: QUEUE_SCAN_LIMIT, orderBy: { openedAt: 'asc' } },
    );
    const orders = await ctx.loaders.paymentOrders.loadMany(cases.map((c) => c.leadId));
    const now = new Date();
    const items = cases.map((c, i) => {
      const mine = orders[i] instanceof Error ? [] : (orders[i]);
      const next = nextDeadline(c, mine.map((o) => ({ amountFen: BigInt(o.amountFen), paidFen: BigInt(o.paidFen), payBy: o.payBy })), calendar);
      return Object.assign(new InspectionQueueItem(), { inspectionCase: toInspectionCase(c), nextDeadlineKind: next?.kind ?? null, nextDeadline: next?.at ?? null, workingDaysLeft: next ? calendar.workingDaysLeft(next.at, now) : null });
    });
    items.sort((a, b) => (a.nextDeadline?.getTime() ?? Infinity) - (b.nextDeadline?.getTime() ?? Infinity));
    return items.slice(0, Math.min(Math.max(first, 0), 500));
  }

  @Query(() => [InspectionCase], { description: 'SUPERVISOR: referred leads past their accept-or-return deadline and still not accepted, oldest first.' })
  async overdueAcceptances(@Ctx() ctx: InspectionContext): Promise<InspectionCase[]> {
    mayReadOverdueAcceptances(ctx.principal);
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
    const c = await runInspection(ctx, leadId, { type: 'extendInvestigation', reason, by: ctx.principal, at: new Date() });
    return toInspectionCase(c);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Investigation deadline: 60 working days after it opened, 90 once extended.' })
  investigationDueAt(@Root() c: InspectionCase): Date | null {
    return investigationDueAt(c.record, calendar);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Working days (Asia/Shanghai) left until investigationDueAt while the case is open: 0 means due today, negative once overdue.' })
  investigationWorkingDaysLeft(@Root() c: InspectionCase): number | null {
    const due = c.record.closureState === 'OPEN' ? investigationDueAt(c.record, calendar) : null;
    return due ? calendar.workingDaysLeft(due, new Date()) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  investigationExtensionReason(@Root() c: InspectionCase): string | null {
    return c.record.investigationExtensionReason ?? null;
  }
}
