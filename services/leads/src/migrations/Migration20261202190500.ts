import { Migration } from '@mikro-orm/migrations';

/**
 * Timeline entries keep their event's facts, free text and the actor's name and region, so the
 * summary is rendered in each reader's language (lib/i18n/timeline.ts). Older entries keep the
 * English summary they were written with.
 */
export class Migration20261202190500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "timeline_entry" add column "actor_name" text null, add column "actor_region" text null, add column "facts" jsonb null, add column "text" jsonb null;`);
  }
}
