import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LEAD_ORDERS, SEARCH_KINDS, type LeadOrder, type LeadSearch, type SearchKind } from './search.rules';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const SearchKindEnum = asEnum(SEARCH_KINDS);
registerEnumType(SearchKindEnum, { name: 'SearchKind', description: 'What a search was taken for: REFERENCE 线索编号, CREDIT_CODE 统一社会信用代码, ID_NUMBER 身份证号, PHONE 联系电话, NAME 姓名或单位名称' });

export const LeadOrderEnum = asEnum(LEAD_ORDERS);
registerEnumType(LeadOrderEnum, { name: 'LeadOrder', description: 'RECEIVED_DESC 最新受理在前 (default), RECEIVED_ASC 最早受理在前, AMOUNT_DESC 欠薪金额从高到低, WORKERS_DESC 涉及人数从多到少, DEADLINE_ASC 最近期限在前 (the caller\'s agency\'s nearest deadline: accepting the lead or feedback; overdue first; leads without one follow, newest first)' });

@ObjectType({ description: 'How the search text was understood.' })
export class LeadSearchEcho {
  @Field(() => SearchKindEnum)
  kind!: SearchKind;

  @Field({ description: 'What was searched for, as matched: an ID number or phone masked (it is on the personal-data access record, masked).' })
  term!: string;
}

export const toLeadSearchEcho = (s: LeadSearch): LeadSearchEcho => Object.assign(new LeadSearchEcho(), { kind: s.kind, term: s.shown });

export type { LeadOrder };
