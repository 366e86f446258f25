import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'employer' })
export class EmployerRecord {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** For matching hand-typed names: see normalizeEmployerName. */
  @Property({ type: 'text' })
  @Index()
  normalizedName!: string;

  /** 统一社会信用代码, when the employer has one. */
  @Property({ type: 'text', nullable: true, unique: true })
  creditCode?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
