import { hasRole, type Principal } from '../../../../../lib/auth';
import type { CommandContext } from '../../../../../lib/command/handler';
import { refuse } from '../../../../../lib/errors';
import { isUuid } from '../../../../../lib/identifiers';
import { event } from '../../../../../lib/vocabulary/events';
import { handleLeadsCommand } from '../timeline/timeline.store';
import { MassCaseAlertRecord } from './mass-case.entity';
import type { AcknowledgeMassCaseCommand, LeadEvent } from './lead.commands';

/** A supervisor of the agency the alert went to confirms the province has taken note, once. */
export function mayAcknowledgeMassCase(by: Principal): void {
  if (!hasRole(by, 'SUPERVISOR')) throw refuse('MASS_ALERT_SUPERVISOR_REQUIRED');
}

export function decideAcknowledgement(alert: { leadId: string; acknowledgedAt?: Date | null; acknowledgedBy?: string | null }, cmd: AcknowledgeMassCaseCommand): LeadEvent {
  mayAcknowledgeMassCase(cmd.by);
  if (alert.acknowledgedAt) throw refuse('MASS_ALERT_ALREADY_ACKNOWLEDGED', { by: alert.acknowledgedBy ?? '' });
  return event('MASS_CASE_ACKNOWLEDGED', { type: 'MassCaseAlert', id: alert.leadId }, alert.leadId, { region: cmd.by.region });
}

/** The caller must see the lead (the resolver checked); the alert is the caller's agency's. */
export function acknowledgeMassCase(ctx: CommandContext, command: AcknowledgeMassCaseCommand): Promise<MassCaseAlertRecord> {
  return handleLeadsCommand(ctx, {
    command,
    async load(tx) {
      const a = isUuid(command.leadId) ? await tx.em.findOne(MassCaseAlertRecord, { leadId: command.leadId, agency: command.by.agency }, { refresh: true }) : null;
      if (!a) throw refuse('MASS_CASE_ALERT_NOT_FOUND');
      return a;
    },
    decide: decideAcknowledgement,
    apply(_tx, a) {
      Object.assign(a, { acknowledgedAt: command.at, acknowledgedBy: command.by.id });
    },
    result: (a) => a,
  });
}
