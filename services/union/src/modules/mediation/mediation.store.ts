import type { CommandContext } from '../../../../../lib/command/handler';
import { handleAgencyCommand, lockAgencyCase } from '../../../../../lib/agency-case/case-access';
import { UnionCaseRecord } from '../union-case/union-case.entity';
import { MediationRecord } from './mediation.entity';
import { decideMediationCommand, mediationMessages } from './mediation.rules';
import type { MediationCommand } from './mediation.commands';

export function runMediation(ctx: CommandContext, leadId: string, command: MediationCommand): Promise<UnionCaseRecord> {
  return handleAgencyCommand(ctx, {
    command,
    load: (tx) => lockAgencyCase(tx.em, UnionCaseRecord, leadId, command.by, 'UNION'),
    decide: decideMediationCommand,
    apply(tx, _c, e) {
      const f = e.facts;
      tx.em.persist(tx.em.create(MediationRecord, { leadId, recordedAt: command.at, occurredAt: new Date(f.occurredAt ?? command.at), recordedBy: command.by.id, outcome: f.outcome, summary: e.text!.summary, amountAgreedFen: f.amountAgreedFen, agreedPayBy: f.agreedPayBy }));
    },
    messages: (e) => mediationMessages(e, command.by),
    result: (c) => c,
  });
}
