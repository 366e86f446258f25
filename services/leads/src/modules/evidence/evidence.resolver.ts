import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Lead } from '../lead/lead.type';
import { Evidence, toEvidence } from './evidence.type';
import { maySeeEvidence } from './evidence.rules';
import { withdrawEvidence } from './evidence.store';
import type { LeadsContext } from '../../context';

@Resolver(() => Lead)
export class EvidenceResolver {
  @FieldResolver(() => [Evidence], { description: '证据材料, oldest first, withdrawn ones included (marked). Files holding personal data are listed only to agencies handling the lead. Upload: POST /evidence/files on the gateway.' })
  async evidence(@Root() lead: Lead, @Ctx() ctx: LeadsContext): Promise<Evidence[]> {
    const [files, involvements] = await Promise.all([ctx.loaders.evidence.load(lead.id), ctx.loaders.involvements.load(lead.id)]);
    const scope = { id: lead.id, regionCode: lead.regionCode, involvements };
    return files.filter((e) => maySeeEvidence(ctx.principal, scope, e)).map(toEvidence);
  }

  @Mutation(() => Evidence, { description: 'Withdraw evidence your agency attached, saying why (撤回). The file stays on the record, marked withdrawn.' })
  async withdrawEvidence(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: LeadsContext): Promise<Evidence> {
    return toEvidence(await withdrawEvidence(ctx, { type: 'withdrawEvidence', evidenceId: id, reason, by: ctx.principal, at: new Date() }));
  }
}
