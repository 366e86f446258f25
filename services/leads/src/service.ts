import 'reflect-metadata';
import { deadLetterResolver } from '../../../lib/outbox/dead-letter.resolver';
import { auditTrailResolver } from '../../../lib/audit/audit-trail';
import { Lead } from './modules/lead/lead.type';
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
import { JointLiabilityRecord } from './modules/joint-liability/joint-liability.entity';
import { RiskSignalRecord } from './modules/watch-list/watch-list.entity';
import { WatchListResolver } from './modules/watch-list/watch-list.resolver';
import { CourtOutcomeRef, JointLiabilityResolver } from './modules/joint-liability/joint-liability.resolver';
import { ReportResolver } from './modules/report/report.resolver';
import { reportDownloads } from './modules/report/report.download';
import { leadListExport } from './modules/lead/lead.export';
import { LeadExportRecord } from './modules/lead/lead-export.entity';
import express from 'express';
import { importRoutes } from './modules/import/import.http';
import { importWorker } from './modules/import/import.worker';
import { LeadImportResolver } from './modules/import/import.resolver';
import { LeadImportChunkRecord, LeadImportRecord, LeadImportRowRecord } from './modules/import/import.entity';
import { createLeadsLoaders, type LeadsLoaders } from './loaders';
import { leadsMessageHandlers } from './messages';
import { migrations } from './migrations';
import { PersonalDataAccessRecord } from './modules/personal-data/personal-data.entity';
import { PersonalDataAccessResolver } from './modules/personal-data/personal-data.resolver';
import { writePersonalDataSightings } from './modules/personal-data/personal-data.store';
import { EvidenceChunkRecord, EvidenceRecord } from './modules/evidence/evidence.entity';
import { EvidenceResolver } from './modules/evidence/evidence.resolver';
import { evidenceRoutes } from './modules/evidence/evidence.http';
import { WebhookDeliveryRecord, WebhookSubscriptionRecord } from './modules/webhook/webhook.entity';
import { WebhookResolver } from './modules/webhook/webhook.resolver';
import { webhookWorker } from './modules/webhook/webhook.dispatcher';
import { NotificationReadRecord, NotificationRecord } from './modules/notification/notification.entity';
import { transferDeadlines } from './modules/transfer/transfer-deadlines.store';
import { NotificationResolver } from './modules/notification/notification.resolver';
import { ComplainantNoticeRecord } from './modules/complainant-notice/complainant-notice.entity';
import { ComplainantNoticeResolver, LeadComplainantNoticesResolver } from './modules/complainant-notice/complainant-notice.resolver';

/** The shared lead registry: leads, employers, transfers, involvement of agencies, timeline. */
export const leadsService: ServiceDefinition<LeadsLoaders> = {
  name: 'leads',
  entities: [LeadRecord, ComplainantRecord, LeadAgencyRecord, ReferenceCounter, EmployerRecord, TimelineEntryRecord, TransferRecord, FeedbackRecord, MassCaseAlertRecord, JointLiabilityRecord, RiskSignalRecord, PersonalDataAccessRecord, LeadImportRecord, LeadImportChunkRecord, LeadImportRowRecord, EvidenceRecord, EvidenceChunkRecord, LeadExportRecord, ComplainantNoticeRecord, NotificationRecord, NotificationReadRecord, WebhookSubscriptionRecord, WebhookDeliveryRecord],
  migrations,
  resolvers: [deadLetterResolver('leads', leadsMessageHandlers), LeadResolver, LeadTransfersResolver, DuplicateResolver, MassCaseResolver, TransferResolver, EmployerResolver, StaffResolver, JointLiabilityResolver, WatchListResolver, ReportResolver, PersonalDataAccessResolver, LeadImportResolver, EvidenceResolver, ComplainantNoticeResolver, LeadComplainantNoticesResolver, NotificationResolver, WebhookResolver,
    auditTrailResolver({ Type: Lead, leadIdOf: (l) => l.id, what: "the lead registry's record of changes to this lead and its transfers" }),
  ],
  orphanedTypes: [CourtOutcomeRef],
  referenceResolvers: { Lead: resolveLeadReference, Employer: resolveEmployerReference },
  createLoaders: createLeadsLoaders,
  messageHandlers: leadsMessageHandlers,
  deadlines: [transferDeadlines],
  httpRoutes: (deps) => express.Router().use(leadListExport(deps), reportDownloads(deps), importRoutes(deps), evidenceRoutes(deps)),
  background: (deps) => {
    const workers = [importWorker(deps), webhookWorker(deps)];
    return { start: () => workers.forEach((w) => w.start()), stop: async () => void (await Promise.all(workers.map((w) => w.stop()))) };
  },
  executionDidEnd: writePersonalDataSightings,
};
