import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { renderReason } from '../../../../../lib/i18n/render';
import { fieldLabel } from '../../../../../lib/i18n/labels';
import type { Language } from '../../../../../lib/i18n/language';
import type { Reason } from '../../../../../lib/i18n/reasons';
import type { ParamValue } from '../../../../../lib/i18n/reasons';
import { IMPORT_STATUSES, ROW_OUTCOMES, type ImportStatus, type LeadImportRecord, type LeadImportRowRecord, type RowOutcome } from './import.entity';
import { IMPORTS_PATH } from './import.paths';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const LeadImportStatusEnum = asEnum(IMPORT_STATUSES);
export const ImportRowOutcomeEnum = asEnum(ROW_OUTCOMES);
registerEnumType(LeadImportStatusEnum, {
  name: 'LeadImportStatus',
  description: 'UPLOADED 已上传 (waits for startLeadImport), QUEUED 排队中, RUNNING 导入中, DONE 已完成, REFUSED 未导入 (all-or-nothing with refused rows), CANCELLED 已取消, FAILED 失败 (the file itself could not be read)',
});
registerEnumType(ImportRowOutcomeEnum, { name: 'ImportRowOutcome', description: 'REFUSED 被拒绝, ALREADY_PRESENT 已存在 (not created again), POSSIBLE_DUPLICATE 已导入但可能重复' });

/** A problem's message: the column's Chinese header names the field when the catalogue has no label for it. */
export function problemText(p: { column: string; field: string; reason: string; params: Record<string, unknown> }, lang: Language): string {
  const labelled = fieldLabel(p.field, 'zh') !== p.field;
  return renderReason(p.reason as Reason, p.params as Record<string, ParamValue>, lang, lang === 'zh' && !labelled ? p.column : p.field);
}

@ObjectType({ description: 'What is wrong with one cell of a row, or why the row was not created again.' })
export class ImportRowProblem {
  @Field({ description: 'The column, by its Chinese header (线索来源编号 …).' })
  column!: string;

  @Field({ description: 'The ReportLeadInput field it fills.' })
  field!: string;

  @Field({ description: 'Stable reason code (docs/reasons.md).' })
  reason!: string;

  @Field({ description: "In the request's language (Chinese unless asked otherwise)." })
  message!: string;
}

@ObjectType({ description: "A row the import's report names." })
export class ImportRow {
  @Field(() => Int, { description: 'Its row number in the file, as the spreadsheet shows it (the header is row 1).' })
  rowNo!: number;

  @Field(() => ImportRowOutcomeEnum)
  outcome!: RowOutcome;

  @Field(() => String, { nullable: true, description: '线索来源编号' })
  sourceRef!: string | null;

  @Field(() => [ImportRowProblem])
  problems!: ImportRowProblem[];

  @Field(() => String, { nullable: true, description: 'The lead the row already is, or became (a possible duplicate).' })
  referenceNo!: string | null;
}

@ObjectType({ description: 'A bulk import of leads (批量导入): its progress and its report.' })
export class LeadImport {
  @Field(() => ID)
  id!: string;

  @Field()
  fileName!: string;

  @Field({ description: 'SHA-256 of the file, hex.' })
  digest!: string;

  @Field(() => LeadImportStatusEnum)
  status!: ImportStatus;

  @Field({ description: 'Nothing is imported if any row is refused.' })
  allOrNothing!: boolean;

  @Field(() => Int, { nullable: true, description: 'Data rows in the file, once counted.' })
  rowsTotal!: number | null;

  @Field(() => Int, { description: 'Rows settled so far (imported, refused or already there); during an all-or-nothing check, rows checked.' })
  rowsDone!: number;

  @Field(() => Int)
  imported!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => Int, { description: 'Rows whose 线索来源编号 was already imported (by this file or an earlier one): not created again.' })
  alreadyPresent!: number;

  @Field(() => Int, { description: 'Imported rows that look like an open lead (possibleDuplicates): flagged, never merged.' })
  possibleDuplicates!: number;

  @Field(() => String, { nullable: true, description: 'Why nothing (more) was imported, in words (FAILED, REFUSED).' })
  failure!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason code of failure.' })
  failureReason!: string | null;

  @Field({ description: 'Where the refused rows download as XLSX (…/refused.csv for CSV), through the gateway.' })
  refusedRowsUrl!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export function toLeadImport(r: LeadImportRecord, lang: Language): LeadImport {
  return Object.assign(new LeadImport(), {
    id: r.id, fileName: r.fileName, digest: r.digest, status: r.status, allOrNothing: r.allOrNothing, rowsTotal: r.rowsTotal ?? null, rowsDone: r.rowsRead,
    imported: r.imported, refused: r.refused, alreadyPresent: r.alreadyPresent, possibleDuplicates: r.possibleDuplicates,
    failure: r.failure ? renderReason(r.failure.reason as Reason, r.failure.params as Record<string, ParamValue>, lang) : null,
    failureReason: r.failure?.reason ?? null,
    refusedRowsUrl: `${IMPORTS_PATH}/${r.id}/refused.xlsx`,
    createdAt: r.createdAt, finishedAt: r.finishedAt ?? null,
  });
}

export function toImportRow(r: LeadImportRowRecord, lang: Language): ImportRow {
  return Object.assign(new ImportRow(), {
    rowNo: r.rowNo, outcome: r.outcome, sourceRef: r.sourceRef ?? null, referenceNo: r.referenceNo ?? null,
    problems: r.problems.map((p) => Object.assign(new ImportRowProblem(), { column: p.column, field: p.field, reason: p.reason, message: problemText(p, lang) })),
  });
}
