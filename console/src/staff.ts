/**
 * Staff as people read them: the hub keeps no staff directory (names come with each token), so a
 * staff id is named as the lead's timeline names whoever acted under it.
 */
export type StaffNames = Map<string, { name: string; unit?: string }>;

export function staffNames(timeline: readonly { actor: string; actorName: string | null; actorUnit?: string | null }[]): StaffNames {
  const names: StaffNames = new Map();
  for (const e of timeline) if (e.actorName) names.set(e.actor, { name: e.actorName, unit: e.actorUnit ?? undefined });
  return names;
}

/** A name, or, for someone who has not acted on the lead yet, their staff number marked as one. */
export const staffLabel = (names: StaffNames, id: string): string => names.get(id)?.name ?? `工作人员（编号 ${id}）`;
