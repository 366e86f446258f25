import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../context';
import { isWithinJurisdiction } from '../region';
import { isUuid } from '../identifiers';
import { readRecords } from '../read-records';
import type { AgencyCaseRecord } from './agency-case.entity';

/** Cases by lead id, batched: a page of 50 leads costs one query here. */
export function caseLoader<R extends AgencyCaseRecord>(em: EntityManager, entity: EntityClass<R>) {
  return new DataLoader<string, R | null>(async (ids) => {
    const rows = await readRecords(em, entity, { leadId: { $in: ids.filter(isUuid) } } as never);
    const byLead = new Map(rows.map((r) => [r.leadId, r]));
    return ids.map((id) => byLead.get(id) ?? null);
  });
}

/**
 * `Lead.<field>` (the agency's case on a lead) and `<Case>.lead`, for one agency subgraph. The
 * gateway only reaches a case through a lead the leads subgraph let the caller see; the region
 * check here is a second line for anyone calling the subgraph directly.
 */
export function agencyCaseResolvers<R extends AgencyCaseRecord, C extends { leadId: string }, L>(o: {
  LeadRef: ClassType<{ id: string }>;
  CaseType: ClassType<C>;
  field: string;
  description: string;
  load: (ctx: HubContext<L>, leadId: string) => Promise<R | null>;
  toCase: (r: R) => C;
}) {
  @Resolver(() => o.LeadRef)
  class LeadCaseResolver {
    // The method is named after the field: type-graphql matches a field to its resolver by method
    // name, so two of these on Lead (litigation's support and court) must not share one.
    @FieldResolver(() => o.CaseType, { name: o.field, nullable: true, description: o.description })
    async [o.field](@Root() lead: { id: string }, @Ctx() ctx: HubContext<L>): Promise<C | null> {
      const r = await o.load(ctx, lead.id);
      return r && isWithinJurisdiction(r.regionCode, ctx.principal.region) ? o.toCase(r) : null;
    }
  }

  @Resolver(() => o.CaseType)
  class CaseLeadResolver {
    @FieldResolver(() => o.LeadRef)
    lead(@Root() c: C): { id: string } {
      return { id: c.leadId };
    }
  }

  return [LeadCaseResolver, CaseLeadResolver] as const;
}
