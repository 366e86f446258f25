import type { EntityClass } from '@mikro-orm/core';
import type { MessageContext } from '../outbox/receiver';
import type { HubMessage } from '../outbox/message';
import { TIMELINE_EVENT, type AgencyStatesChanged, type CaseOpened, type TimelineEvent } from '../messages';
import type { AgencyCaseRecord } from './agency-case.entity';
import { markClosed, markOpen } from './agency-states.entity';
import { renderTimeline } from '../i18n/timeline';
import type { EventFacts } from '../vocabulary/events';

/**
 * Applies CaseOpened messages, in order: each agency's own case on a lead, with its first-contact
 * handler. A case that already exists (or an earlier message of the run opened) is left alone, so a
 * replay can never reset a case's progress. The run's existing cases are read in one query, and
 * its new cases go in with one statement at the flush. `opened` is told of each case the run
 * opened or found, with the message that named it.
 */
export async function openAgencyCases<T extends AgencyCaseRecord>(
  entity: EntityClass<T>,
  messages: HubMessage<CaseOpened>[],
  { em, emit }: MessageContext,
  opened?: (record: T, message: HubMessage<CaseOpened>) => void,
): Promise<void> {
  if (messages.length === 0) return;
  const leadIds = [...new Set(messages.map((m) => m.payload.leadId))];
  const existing = await em.find(entity, { leadId: { $in: leadIds } } as never);
  const cases = new Map<string, T>(existing.map((c) => [c.leadId, c]));
  for (const message of messages) {
    const m = message.payload;
    const found = cases.get(m.leadId);
    if (found) {
      opened?.(found, message);
      continue;
    }
    const record = em.create(entity, {
      leadId: m.leadId,
      referenceNo: m.referenceNo,
      regionCode: m.regionCode,
      handler: m.handler,
      transferState: m.transferState,
      feedbackState: 'NONE',
      closureState: 'OPEN',
      openedAt: new Date(m.openedAt),
      leadReceivedAt: m.leadReceivedAt ? new Date(m.leadReceivedAt) : null,
      amountOwedFen: m.amountOwedFen ?? null,
      workerCount: m.workerCount ?? null,
    } as never);
    em.persist(record);
    cases.set(m.leadId, record);
    opened?.(record, message);
    const facts: EventFacts['CASE_OPENED'] = { transferState: m.transferState, handler: m.handler };
    const actor = { id: m.handler, name: m.handlerName, agency: m.agency, region: m.handlerRegion };
    const event: TimelineEvent = {
      leadId: m.leadId,
      agency: m.agency,
      actor: m.handler,
      kind: 'CASE_OPENED',
      summary: renderTimeline({ kind: 'CASE_OPENED', facts, text: {}, agency: m.agency, actor }, 'en'),
      at: new Date().toISOString(),
      facts,
      text: {},
      ...(m.handlerName ? { actorName: m.handlerName } : {}),
      ...(m.handlerRegion ? { actorRegion: m.handlerRegion } : {}),
    };
    emit('leads', TIMELINE_EVENT, { ...event });
  }
}

/**
 * Applies AgencyStatesChanged from the lead registry: the agency's transfer and feedback states,
 * a closure or reopening caused by a transfer, and the handler who accepted the lead. Creates
 * the case when the lead was just transferred in.
 */
export async function applyAgencyStates<T extends AgencyCaseRecord>(
  entity: EntityClass<T>,
  message: HubMessage<AgencyStatesChanged>,
  { em }: MessageContext,
): Promise<void> {
  const m = message.payload;
  let c: AgencyCaseRecord | null = await em.findOne(entity, { leadId: m.leadId } as never);
  if (!c) {
    c = em.create(entity, {
      leadId: m.leadId,
      referenceNo: m.referenceNo,
      regionCode: m.regionCode,
      handler: '',
      transferState: m.transferState,
      feedbackState: m.feedbackState,
      closureState: 'OPEN',
      openedAt: new Date(message.occurredAt),
    } as never);
    em.persist(c);
  }
  // Each new transfer in starts the clock to accept or return it again.
  if (m.transferState === 'PENDING_ACCEPTANCE' && (c.arrivedAt == null || c.transferState !== 'PENDING_ACCEPTANCE')) c.arrivedAt = new Date(message.occurredAt);
  c.transferState = m.transferState;
  c.feedbackState = m.feedbackState;
  c.feedbackDueAt = m.feedbackDueAt ? new Date(m.feedbackDueAt) : null;
  if (m.amountOwedFen !== undefined) c.amountOwedFen = m.amountOwedFen;
  if (m.leadReceivedAt) c.leadReceivedAt = new Date(m.leadReceivedAt);
  if (m.workerCount !== undefined) c.workerCount = m.workerCount;
  if (m.handler) c.handler = m.handler;
  if (m.closure?.state === 'CLOSED') {
    const f = m.closure.facts;
    markClosed(c, f);
  } else if (m.closure?.state === 'OPEN') {
    markOpen(c);
  }
}
