import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { InspectionCase, toInspectionCase } from '../inspection-case/inspection-case.type';
import type { InspectionContext } from '../../context';
import { runChecklist } from './checklist.store';
import type { ChecklistCommand } from './checklist.commands';
import { EvidenceChecklist, toEvidenceChecklist } from './checklist.type';
import { EvidenceNotProvidedInput, EvidenceReceivedInput, EvidenceRequestInput } from './checklist.input';

/** The evidence checklist (《保障农民工工资支付条例》第五十条) on labour inspection's case. */
@Resolver(() => InspectionCase)
export class EvidenceChecklistResolver {
  private run(ctx: InspectionContext, leadId: string, command: ChecklistCommand): Promise<InspectionCase> {
    return runChecklist(ctx, leadId, command).then(toInspectionCase);
  }

  @FieldResolver(() => EvidenceChecklist, { description: "Which of the employer's documents were requested, when, and whether they came (第五十条)." })
  async evidenceChecklist(@Root() c: InspectionCase, @Ctx() ctx: InspectionContext): Promise<EvidenceChecklist> {
    const [rows, reasons] = await Promise.all([ctx.loaders.evidenceRequests.load(c.leadId), ctx.loaders.closeWithoutLedgerReasons.load(c.leadId)]);
    return toEvidenceChecklist(rows, reasons);
  }

  @Mutation(() => InspectionCase, { description: 'Ask the employer to produce a document (第五十条); asked again only after it was not provided.' })
  requestEvidence(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => EvidenceRequestInput) input: EvidenceRequestInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'requestEvidence', item: input.item, requestedOn: input.requestedOn, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'The employer produced a document it was asked for.' })
  recordEvidenceReceived(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => EvidenceReceivedInput) input: EvidenceReceivedInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordEvidenceReceived', item: input.item, receivedOn: input.receivedOn, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'The employer did not produce a document it was asked for; the note says what happened.' })
  recordEvidenceNotProvided(@Arg('leadId', () => ID) leadId: string, @Arg('input', () => EvidenceNotProvidedInput) input: EvidenceNotProvidedInput, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordEvidenceNotProvided', item: input.item, note: input.note, by: ctx.principal, at: new Date() });
  }

  @Mutation(() => InspectionCase, { description: 'Why the case may close as paid in full, or after a payment order, without the payroll ledger.' })
  recordCloseWithoutLedgerReason(@Arg('leadId', () => ID) leadId: string, @Arg('reason') reason: string, @Ctx() ctx: InspectionContext): Promise<InspectionCase> {
    return this.run(ctx, leadId, { type: 'recordCloseWithoutLedgerReason', reason, by: ctx.principal, at: new Date() });
  }
}
