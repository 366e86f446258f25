import 'reflect-metadata';
import type { ServiceDefinition } from '../../../lib/service';
import { LeadAgencyRecord, LeadRecord, ComplainantRecord, ReferenceCounter } from './modules/lead/lead.entity';
import { EmployerRecord } from './modules/employer/employer.entity';
import { TimelineEntryRecord } from './modules/timeline/timeline.entity';
import { FeedbackRecord, TransferRecord } from './modules/transfer/transfer.entity';
import { LeadTransfersResolver, TransferResolver } from './modules/transfer/transfer.resolver';
import { LeadResolver, resolveLeadReference } from './modules/lead/lead.resolver';
import { EmployerResolver, resolveEmployerReference } from './modules/employer/employer.resolver';
import { StaffResolver } from './modules/staff/staff.resolver';
import { DuplicateResolver } from './modules/lead/duplicate.resolver';
import { MassCaseResolver } from './modules/lead/mass-case.resolver';
import { MassCaseAlertRecord } from './modules/lead/mass-case.entity';
import { ReportResolver } from './modules/report/report.resolver';
import { reportDownloads } from './modules/report/report.download';
import { createLeadsLoaders, type LeadsLoaders } from './loaders';
import { leadsMessageHandlers } from './messages';
import { migrations } from './migrations';

/** The shared lead registry: leads, employers, transfers, involvement of agencies, timeline. */
export const leadsService: ServiceDefinition<LeadsLoaders> = {
  name: 'leads',
  entities: [LeadRecord, ComplainantRecord, LeadAgencyRecord, ReferenceCounter, EmployerRecord, TimelineEntryRecord, TransferRecord, FeedbackRecord, MassCaseAlertRecord],
  migrations,
  resolvers: [LeadResolver, LeadTransfersResolver, DuplicateResolver, MassCaseResolver, TransferResolver, EmployerResolver, StaffResolver, ReportResolver],
  referenceResolvers: { Lead: resolveLeadReference, Employer: resolveEmployerReference },
  createLoaders: createLeadsLoaders,
  messageHandlers: leadsMessageHandlers,
  httpRoutes: reportDownloads,
};
