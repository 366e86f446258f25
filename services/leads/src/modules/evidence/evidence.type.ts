import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyEnum } from '../../../../../lib/graphql/enums';
import { DateScalar } from '../../../../../lib/scalars';
import type { Agency } from '../../../../../lib/domain/enums';
import { EVIDENCE_KINDS, previewable, type EvidenceKind } from '../../../../../lib/vocabulary/evidence';
import type { EvidenceRecord } from './evidence.entity';
import { evidenceFilePath } from './evidence.paths';

export const EvidenceKindEnum = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, k])) as { [K in EvidenceKind]: K };
registerEnumType(EvidenceKindEnum, {
  name: 'EvidenceKind',
  description: 'LABOUR_CONTRACT 劳动合同, ATTENDANCE_RECORD 考勤记录, PAYROLL 工资表/工资台账, IOU 欠条, CHAT_RECORD 聊天记录, PHOTO 照片, EMPLOYER_MATERIAL 用人单位提供材料, OTHER 其他',
});

@ObjectType({ description: 'A file of evidence on a lead (证据材料). It never changes; a wrong one is withdrawn with a reason and stays listed.' })
export class Evidence {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  leadId!: string;

  @Field(() => EvidenceKindEnum)
  kind!: EvidenceKind;

  @Field()
  title!: string;

  @Field(() => DateScalar, { description: 'The date the document bears.' })
  documentDate!: string;

  @Field({ description: "The file's name as uploaded." })
  fileName!: string;

  @Field({ description: "What the file is, detected from its content (not from its name)." })
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the file, hex.' })
  digest!: string;

  @Field({ description: 'The uploader marked it as holding personal data: only agencies handling the lead see it, and each download is in the record of who saw personal data.' })
  containsPersonalData!: boolean;

  @Field({ description: 'A browser can show it (an image or a PDF).' })
  previewable!: boolean;

  @Field({ description: 'GET this path on the gateway, with your token, for the file (add ?inline=1 to show it in place). Every download is audited.' })
  downloadPath!: string;

  @Field()
  uploadedAt!: Date;

  @Field({ description: 'Staff id of the uploader.' })
  uploadedBy!: string;

  @Field()
  uploadedByName!: string;

  @Field(() => AgencyEnum)
  uploadedByAgency!: Agency;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn, if it was.' })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true })
  withdrawnByName!: string | null;

  @Field(() => AgencyEnum, { nullable: true })
  withdrawnByAgency!: Agency | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' })
  withdrawalReason!: string | null;
}

export const toEvidence = (r: EvidenceRecord): Evidence =>
  Object.assign(new Evidence(), {
    id: r.id, leadId: r.leadId, kind: r.kind, title: r.title, documentDate: r.documentDate, fileName: r.fileName, contentType: r.contentType,
    sizeBytes: Number(r.sizeBytes), digest: r.digest, containsPersonalData: r.containsPersonalData, previewable: previewable(r.contentType),
    downloadPath: evidenceFilePath(r.id), uploadedAt: r.uploadedAt, uploadedBy: r.uploadedBy, uploadedByName: r.uploadedByName, uploadedByAgency: r.uploadedByAgency,
    withdrawnAt: r.withdrawnAt ?? null, withdrawnByName: r.withdrawnByName ?? null, withdrawnByAgency: r.withdrawnByAgency ?? null, withdrawalReason: r.withdrawalReason ?? null,
  });
