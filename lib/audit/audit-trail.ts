import DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { AgencyEnum } from '../graphql/enums';
import { hasRole } from '../auth';
import { refuse } from '../errors';
import type { Agency } from '../domain/enums';
import type { HubContext } from '../context';

@ObjectType('AuditEntry', { description: 'One recorded state change: who, when, what, from which request. Never personal data.' })
@Directive('@shareable')
export class AuditEntryType {
  @Field()
  at!: Date;

  @Field({ description: 'Staff id.' })
  actorId!: string;

  @Field(() => AgencyEnum)
  actorAgency!: Agency;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field()
  action!: string;

  @Field({ description: 'What changed, as JSON: ids, states and amounts.' })
  details!: string;
}

interface AuditRow {
  seq: string;
  at: string | Date;
  actor_id: string;
  actor_agency: string;
  request_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  data: unknown;
  lead: string;
}

const loaders = new WeakMap<object, DataLoader<string, AuditEntryType[]>>();

/** A lead's entries in this service's audit trail (about the lead itself, or naming it), oldest first; one query per page. */
function auditLoader(ctx: HubContext<unknown>) {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, AuditEntryType[]>(async (ids) => {
      const rows = await ctx.em.execute<AuditRow[]>(
        `select a.*, case when a.entity_id in (?) then a.entity_id else a.data->>'leadId' end as lead
           from audit_entry a where a.entity_id in (?) or a.data->>'leadId' in (?) order by a.seq`,
        [[...ids], [...ids], [...ids]],
      );
      const byLead = new Map<string, AuditEntryType[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byLead.get(r.lead)?.push(
          Object.assign(new AuditEntryType(), {
            at: new Date(r.at),
            actorId: r.actor_id,
            actorAgency: r.actor_agency as Agency,
            requestId: r.request_id,
            entityType: r.entity_type,
            entityId: r.entity_id,
            action: r.action,
            details: JSON.stringify(r.data ?? {}),
          }),
        );
      }
      return ids.map((id) => byLead.get(id)!);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

/**
 * `<Type>.auditTrail` for SUPERVISORs: the lead registry's trail on Lead, each agency's own on its
 * case (only for that agency's supervisors).
 */
export function auditTrailResolver<T extends object>(o: { Type: ClassType<T>; leadIdOf: (t: T) => string; agency?: Agency; what: string }) {
  @Resolver(() => o.Type)
  class AuditTrailResolver {
    @FieldResolver(() => [AuditEntryType], { nullable: true, description: `SUPERVISOR: ${o.what}, oldest first.` })
    async auditTrail(@Root() root: T, @Ctx() ctx: HubContext<unknown>): Promise<AuditEntryType[]> {
      if (!hasRole(ctx.principal, 'SUPERVISOR')) throw refuse('AUDIT_SUPERVISORS_ONLY');
      if (o.agency && ctx.principal.agency !== o.agency) throw refuse('AUDIT_OWN_AGENCY_ONLY', { agency: o.agency });
      return auditLoader(ctx).load(o.leadIdOf(root));
    }
  }
  return AuditTrailResolver;
}
