import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyEnum } from '../../../../../lib/graphql/enums';
import type { Agency } from '../../../../../lib/domain/enums';
import type { PersonalDataField } from './personal-data.rules';
import type { PersonalDataAccessRecord } from './personal-data.entity';

export const PersonalDataFieldEnum = { ID_NUMBER: 'ID_NUMBER', PHONE: 'PHONE', EVIDENCE_FILE: 'EVIDENCE_FILE' } as const satisfies Record<PersonalDataField, PersonalDataField>;
registerEnumType(PersonalDataFieldEnum, { name: 'PersonalDataField', description: 'ID_NUMBER 身份证号码, PHONE 联系电话, EVIDENCE_FILE 含个人信息的证据材料（下载）' });

@ObjectType({ description: "Someone was shown a complainant's unmasked ID number or phone (never the value itself), or downloaded an evidence file holding personal data." })
export class PersonalDataAccess {
  @Field({ description: 'When it was shown.' })
  at!: Date;

  @Field(() => ID)
  leadId!: string;

  @Field({ description: "The lead's reference number." })
  leadReferenceNo!: string;

  @Field(() => Int, { nullable: true, description: "The complainant's place on the lead, from 1; null for an evidence file." })
  complainant!: number | null;

  @Field(() => ID, { nullable: true, description: 'The evidence file downloaded, when the sight was of a file holding personal data.' })
  evidenceId!: string | null;

  @Field(() => [PersonalDataFieldEnum], { description: 'Which values were shown unmasked.' })
  fields!: PersonalDataField[];

  @Field({ description: 'Staff id of who saw it.' })
  viewerId!: string;

  @Field()
  viewerName!: string;

  @Field(() => AgencyEnum)
  viewerAgency!: Agency;

  @Field()
  viewerRegion!: string;

  @Field(() => String, { nullable: true, description: 'The operation the client named, when it named one.' })
  operation!: string | null;

  @Field({ description: 'The field of the API it was answered through (lead, leads, reportLead…).' })
  via!: string;
}

export const toPersonalDataAccess = (r: PersonalDataAccessRecord, referenceNo: string): PersonalDataAccess =>
  Object.assign(new PersonalDataAccess(), {
    at: r.at,
    leadId: r.leadId!,
    leadReferenceNo: referenceNo,
    complainant: r.complainantOrdinal == null ? null : r.complainantOrdinal + 1,
    evidenceId: r.evidenceId ?? null,
    fields: r.fields as PersonalDataField[],
    viewerId: r.viewerId,
    viewerName: r.viewerName,
    viewerAgency: r.viewerAgency as Agency,
    viewerRegion: r.viewerRegion,
    operation: r.operation ?? null,
    via: r.via,
  });
