import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InspectionCaseRecord } from '../inspection-case/inspection-case.entity';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import { acceptBy, investigationDueAt, investigationRunning, mayReadOverdueAcceptances, mayReadQueue, nextDeadline, type DeadlineKind } from './inspection.rules';
import { runInspection } from './casework.store';
import { calendar } from '../../../../../lib/calendar/calendar';
import { ResumeDeadlineInput, SuspendDeadlineInput } from '../../../../../lib/graphql/inputs';
import { DateScalar } from '../../../../../lib/scalars';
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

  @Mutation(() => InspectionCase, { description: "SUPERVISOR of labour inspection: suspend (中止) the investigation's deadline, with the reason; it is not overdue while suspended." })
  async suspendInvestigation(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => SuspendDeadlineInput) input: SuspendDeadlineInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return toInspectionCase(await runInspection(ctx, leadId, { type: 'suspendInvestigation', reason: input.reason, suspendedOn: input.suspendedOn, by: ctx.principal, at: new Date() }));
  }

  @Mutation(() => InspectionCase, { description: "SUPERVISOR of labour inspection: resume (恢复) the suspended investigation's deadline; it moves later by the working days it stood suspended." })
  async resumeInvestigation(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => ResumeDeadlineInput, { nullable: true }) input: ResumeDeadlineInput | null, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return toInspectionCase(await runInspection(ctx, leadId, { type: 'resumeInvestigation', resumedOn: input?.resumedOn, by: ctx.principal, at: new Date() }));
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The day the investigation deadline was suspended (中止), while it is and the case is open; null while it runs.' })
  investigationSuspendedOn(@Root() c: InspectionCase): string | null {
    return c.record.closureState === 'OPEN' ? (c.record.investigationSuspendedOn ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why the investigation deadline is suspended, while it is.' })
  investigationSuspensionReason(@Root() c: InspectionCase): string | null {
    return c.record.closureState === 'OPEN' && c.record.investigationSuspendedOn ? (c.record.investigationSuspensionReason ?? null) : null;
  }

  @FieldResolver(() => Int, { description: 'Working days the investigation deadline stood suspended, over every resumed suspension: investigationDueAt is later by them.' })
  investigationSuspendedWorkingDays(@Root() c: InspectionCase): number {
    return c.record.investigationSuspendedDays ?? 0;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Investigation deadline: 60 working days after it opened, 90 once extended, later by the working days it stood suspended. While suspended it stands as it was and is not overdue.' })
  investigationDueAt(@Root() c: InspectionCase): Date | null {
    return investigationDueAt(c.record, calendar);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Working days (Asia/Shanghai) left until investigationDueAt while the case is open and the deadline runs: 0 means due today, negative once overdue; null while suspended.' })
  investigationWorkingDaysLeft(@Root() c: InspectionCase): number | null {
    const due = c.record.closureState === 'OPEN' && investigationRunning(c.record) ? investigationDueAt(c.record, calendar) : null;
    return due ? calendar.workingDaysLeft(due, new Date()) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  investigationExtensionReason(@Root() c: InspectionCase): string | null {
    return c.record.investigationExtensionReason ?? null;
  }
}
