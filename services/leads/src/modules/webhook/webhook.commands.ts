import type { Issued } from '../../../../../lib/command/handler';
import type { HubEvent } from '../../../../../lib/vocabulary/events';

/** What a subscriber chooses: where, which kinds, in which region, and why (free text, never audited). */
export interface WebhookSettings {
  url: string;
  eventKinds: string[];
  region: string;
  purpose: string | null;
}

export interface SubscribeWebhookCommand extends Issued {
  type: 'subscribeWebhook';
  subscriptionId: string;
  settings: WebhookSettings;
}
export interface UpdateWebhookCommand extends Issued {
  type: 'updateWebhook';
  subscriptionId: string;
  settings: WebhookSettings;
}
export interface PauseWebhookCommand extends Issued {
  type: 'pauseWebhook';
  subscriptionId: string;
}
export interface ResumeWebhookCommand extends Issued {
  type: 'resumeWebhook';
  subscriptionId: string;
}
export interface RotateWebhookSecretCommand extends Issued {
  type: 'rotateWebhookSecret';
  subscriptionId: string;
}
export interface SendWebhookTestCommand extends Issued {
  type: 'sendWebhookTest';
  subscriptionId: string;
  eventId: string;
}

export type WebhookEvent = HubEvent<'WEBHOOK_SUBSCRIBED' | 'WEBHOOK_UPDATED' | 'WEBHOOK_PAUSED' | 'WEBHOOK_RESUMED' | 'WEBHOOK_SECRET_ROTATED' | 'WEBHOOK_TEST_SENT'>;
