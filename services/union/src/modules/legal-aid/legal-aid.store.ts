import type { CommandContext } from '../../../../../lib/command/handler';
import { handleAgencyCommand, lockAgencyCase } from '../../../../../lib/agency-case/case-access';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { LegalAidRecord } from './legal-aid.entity';
import { decideUnionCasework } from './casework.rules';
import type { UnionCaseworkCommand } from './legal-aid.commands';

/** Runs a union casework command on the union's case of a lead; returns the case as it is after. */
export function runUnionCasework(ctx: CommandContext, leadId: string, command: UnionCaseworkCommand): Promise<UnionCaseRecord> {
  return handleAgencyCommand(ctx, {
    command,
    load: (tx) => lockAgencyCase(tx.em, UnionCaseRecord, leadId, command.by, 'UNION'),
    decide: decideUnionCasework,
    apply(tx, c, e) {
      switch (e.kind) {
        case 'HANDLER_REASSIGNED':
          c.handler = e.facts.to;
          break;
        case 'LEGAL_AID_RECORDED':
          tx.em.persist(tx.em.create(LegalAidRecord, { leadId, provider: e.text!.provider, providedOn: e.facts.providedOn, note: e.text!.note, recordedAt: command.at, recordedBy: command.by.id }));
          break;
      }
    },
    result: (c) => c,
  });
}
