import type { Issued } from '../../../../../lib/command/handler';
import type { HubEvent } from '../../../../../lib/vocabulary/events';

export type NoticeChannel = 'SMS' | 'LETTER';

export type ComplainantNoticeCommand =
  | (Issued & { type: 'markSent'; noticeId: string; channel: NoticeChannel; sentAt: Date })
  | (Issued & { type: 'markFailed'; noticeId: string; reason: string });

export type ComplainantNoticeEvent = HubEvent<'COMPLAINANT_NOTICE_SENT' | 'COMPLAINANT_NOTICE_FAILED'>;

/** What the decider sees of a notice. */
export interface NoticeState {
  id: string;
  leadId: string;
  kind: string;
  complainantOrdinal: number;
  status: string;
  channel: string | null;
  sentAt: Date | null;
  failedReason: string | null;
  attempts: number;
  createdAt: Date;
}
