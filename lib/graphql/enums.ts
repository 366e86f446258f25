import { registerEnumType } from 'type-graphql';
import * as E from '../domain/enums';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const AgencyEnum = asEnum(E.AGENCIES);
export const RoleEnum = asEnum(E.ROLES);
export const IndustryEnum = asEnum(E.INDUSTRIES);
export const IntakeChannelEnum = asEnum(E.INTAKE_CHANNELS);
export const TransferStateEnum = asEnum(E.TRANSFER_STATES);
export const FeedbackStateEnum = asEnum(E.FEEDBACK_STATES);
export const ClosureStateEnum = asEnum(E.CLOSURE_STATES);
export const ClosureReasonEnum = asEnum(E.CLOSURE_REASONS);
export const TransferKindEnum = asEnum(E.TRANSFER_KINDS);
export const TransferStatusEnum = asEnum(E.TRANSFER_STATUSES);

registerEnumType(AgencyEnum, { name: 'Agency', description: 'UNION 工会, INSPECTION 劳动保障监察, PROCURATORATE 检察院, COURT 法院' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(IndustryEnum, { name: 'Industry', description: '所属行业' });
registerEnumType(IntakeChannelEnum, { name: 'IntakeChannel', description: 'How the lead reached the hub' });
registerEnumType(TransferStateEnum, { name: 'TransferState' });
registerEnumType(FeedbackStateEnum, { name: 'FeedbackState' });
registerEnumType(ClosureStateEnum, { name: 'ClosureState' });
registerEnumType(ClosureReasonEnum, { name: 'ClosureReason' });
registerEnumType(TransferKindEnum, { name: 'TransferKind', description: 'REFERRAL 移送, SUPPORT_TO_SUE 支持起诉, COURT_FILING 起诉立案, DELEGATED_MEDIATION 诉调对接' });
registerEnumType(TransferStatusEnum, { name: 'TransferStatus' });
