import { Ctx, Query, Resolver } from 'type-graphql';
import { Staff } from './staff.type';
import type { LeadsContext } from '../../context';

@Resolver()
export class StaffResolver {
  @Query(() => Staff, { description: 'Who you are signed in as.' })
  me(@Ctx() ctx: LeadsContext): Staff {
    return Object.assign(new Staff(), ctx.principal);
  }
}
