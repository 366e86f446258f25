import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { EmployerRecord } from './employer.entity';

@ObjectType({ description: 'An employer (用人单位) or general contractor named on leads.' })
@Directive('@key(fields: "id")')
export class Employer {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: '18-character unified social credit code, check character verified; null when it has none.' })
  creditCode!: string | null;
}

export const toEmployer = (r: EmployerRecord): Employer =>
  Object.assign(new Employer(), { id: r.id, name: r.name, creditCode: r.creditCode ?? null });
