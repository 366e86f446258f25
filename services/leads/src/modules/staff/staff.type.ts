import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyEnum, RoleEnum } from '../../../../../lib/graphql/enums';
import type { Agency, Role } from '../../../../../lib/domain/enums';

@ObjectType({ description: 'The signed-in staff member, as their token says.' })
export class Staff {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => AgencyEnum)
  agency!: Agency;

  @Field({ description: 'Jurisdiction: 6-digit region code.' })
  region!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];
}
