import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Lead } from '../lead/lead.type';
import { toLead } from '../lead/lead.type';
import { Feedback, Transfer, TransferConnection, toFeedback, toTransfer } from './transfer.type';
import { FeedbackInput, TransferLeadInput } from './transfer.input';
import { ResumeDeadlineInput, SuspendDeadlineInput } from '../../../../../lib/graphql/inputs';
import type { ClockCommand } from '../../../../../lib/domain/clock-pause';
import { runTransfer } from './transfer.store';
import { findFeedbackDue, findInbox } from './transfer.query';
import { calendar } from './deadlines';
import type { TransferCommand } from './transfer.rules';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { decodeInstantIdCursor, encodeCursor, pageSize } from '../../../../../lib/graphql/pagination';
import type { LeadsContext } from '../../context';

@Resolver(() => Transfer)
export class TransferResolver {
  @Query(() => Transfer, { nullable: true, description: 'A transfer on a lead you may see, or null.' })
  async transfer(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<Transfer | null> {
    const t = await ctx.loaders.transfers.load(id);
    return t && (await ctx.loaders.visibleLeads.load(t.leadId)) ? toTransfer(t) : null;
  }

  @Query(() => TransferConnection, { description: "Transfers sent to the caller's agency that wait for acceptance, oldest first." })
  async transferInbox(
    @Ctx() ctx: LeadsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<TransferConnection> {
    const size = pageSize(first);
    const cursor = decodeInstantIdCursor(after);
    const { rows, hasNextPage, totalCount } = await findInbox(ctx.em, ctx.principal, { first: size, after: cursor });
    const edges = rows.map((r) => ({ cursor: encodeCursor([r.requestedAt.toISOString(), r.id]), node: toTransfer(r) }));
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => [Transfer], { description: "Transfers accepted and still owed final feedback that involve your agency (owed by it or to it), nearest feedback deadline first: the work queue's deadlines." })
  async feedbackDue(@Ctx() ctx: LeadsContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<Transfer[]> {
    return (await findFeedbackDue(ctx.em, ctx.principal, pageSize(first))).map(toTransfer);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Working days (Asia/Shanghai) left until the feedback deadline: 0 means due today, negative once overdue; null once feedback is no longer owed, and while the deadline is suspended.' })
  feedbackWorkingDaysLeft(@Root() t: Transfer): number | null {
    return (t.status === 'REQUESTED' || t.status === 'ACCEPTED') && !t.feedbackSuspendedOn ? calendar.workingDaysLeft(t.feedbackDueAt, new Date()) : null;
  }

  @Mutation(() => Transfer, { description: "Receiver's SUPERVISOR: suspend (中止) the feedback deadline of an accepted transfer, with the reason; it is not overdue while suspended." })
  suspendFeedbackDeadline(@Arg('transferId', () => ID) transferId: string, @Arg('input', () => SuspendDeadlineInput) input: SuspendDeadlineInput, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return clock(ctx, transferId, { type: 'suspend', reason: input.reason, suspendedOn: input.suspendedOn });
  }

  @Mutation(() => Transfer, { description: "Receiver's SUPERVISOR: resume (恢复) a suspended feedback deadline; it moves later by the working days it stood suspended." })
  resumeFeedbackDeadline(@Arg('transferId', () => ID) transferId: string, @Arg('input', () => ResumeDeadlineInput, { nullable: true }) input: ResumeDeadlineInput | null, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return clock(ctx, transferId, { type: 'resume', resumedOn: input?.resumedOn });
  }

  @Mutation(() => Transfer, { description: 'Send a lead your agency handles to another agency. The receiver can read it at once and must accept or return it.' })
  async transferLead(@Arg('input', () => TransferLeadInput) input: TransferLeadInput, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    if (!(await ctx.loaders.visibleLeads.load(input.leadId))) throw refuse('LEAD_NOT_FOUND');
    return toTransfer(await runTransfer(ctx, { type: 'send', leadId: input.leadId, transfer: input, by: ctx.principal, at: new Date() }));
  }

  @Mutation(() => Transfer, { description: 'Receiver: sign for the lead; your agency now handles it and owes feedback.' })
  acceptTransfer(@Arg('id', () => ID) id: string, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return act(ctx, id, { type: 'accept' });
  }

  @Mutation(() => Transfer, { description: 'Receiver: return the lead to the sender (退回), with the reason.' })
  rejectTransfer(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return act(ctx, id, { type: 'reject', reason });
  }

  @Mutation(() => Transfer, { description: 'Sender: withdraw a transfer not yet accepted; the receiver\'s case is closed as WITHDRAWN.' })
  cancelTransfer(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return act(ctx, id, { type: 'cancel', reason });
  }

  @Mutation(() => Transfer, { description: 'Receiver only. final: true completes the transfer.' })
  giveFeedback(@Arg('transferId', () => ID) transferId: string, @Arg('input', () => FeedbackInput) input: FeedbackInput, @Ctx() ctx: LeadsContext): Promise<Transfer> {
    return act(ctx, transferId, { type: 'feedback', ...input, fromStaff: true });
  }

  @FieldResolver(() => Lead)
  async lead(@Root() t: Transfer, @Ctx() ctx: LeadsContext): Promise<Lead> {
    const lead = await ctx.loaders.visibleLeads.load(t.leadId);
    if (!lead) throw refuse('LEAD_NOT_FOUND');
    return toLead(lead);
  }

  @FieldResolver(() => [Feedback])
  async feedback(@Root() t: Transfer, @Ctx() ctx: LeadsContext): Promise<Feedback[]> {
    return (await ctx.loaders.feedback.load(t.id)).map(toFeedback);
  }
}

async function clock(ctx: LeadsContext, id: string, cmd: ClockCommand): Promise<Transfer> {
  const t = isUuid(id) ? await ctx.loaders.transfers.load(id) : null;
  if (!t || !(await ctx.loaders.visibleLeads.load(t.leadId))) throw refuse('TRANSFER_NOT_FOUND');
  return toTransfer(await runTransfer(ctx, { type: 'clock', transferId: id, clock: cmd, by: ctx.principal, at: new Date() }));
}

async function act(ctx: LeadsContext, id: string, cmd: TransferCommand): Promise<Transfer> {
  const t = isUuid(id) ? await ctx.loaders.transfers.load(id) : null;
  if (!t || !(await ctx.loaders.visibleLeads.load(t.leadId))) throw refuse('TRANSFER_NOT_FOUND');
  return toTransfer(await runTransfer(ctx, { type: 'act', transferId: id, act: cmd, by: ctx.principal, at: new Date() }));
}

@Resolver(() => Lead)
export class LeadTransfersResolver {
  @FieldResolver(() => [Transfer], { description: 'Every transfer of this lead, oldest first.' })
  async transfers(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Transfer[]> {
    return (await ctx.loaders.transfersByLead.load(lead.id)).map(toTransfer);
  }
}
