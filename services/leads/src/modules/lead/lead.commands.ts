/** The lead registry's own acts on leads: intake, mass-case alerts, duplicates. Commands and events. */
import type { Issued } from '../../../../../lib/command/handler';
import type { HubEvent } from '../../../../../lib/vocabulary/events';
import type { AcceptedLead } from './lead.intake';

/** An intake acceptLeadReport accepted (the intake rules decide on the report itself). */
export type ReportLeadCommand = Issued & { type: 'reportLead'; lead: AcceptedLead };

export type AcknowledgeMassCaseCommand = Issued & { type: 'acknowledgeMassCase'; leadId: string };

export type MarkDuplicateCommand = Issued & { type: 'markDuplicate'; leadId: string; ofLeadId: string };

export type LeadEvent = HubEvent<'LEAD_REPORTED' | 'MASS_CASE_FLAGGED' | 'MASS_CASE_ACKNOWLEDGED' | 'DUPLICATE_MARKED'>;
