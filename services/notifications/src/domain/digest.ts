/** A push waiting for quiet hours to end or for the day's digest. */
export interface DeferredPush {
  id: string;
  recipientKey: string;
  channel: string;
  address: string | null;
  title: string;
  divisionCode: string;
}

/** How many titles a digest SMS quotes before it says how many more there are. */
const LISTED = 8;

/** Deferred pushes grouped by where they go (channel, recipient, address): each group becomes one send. */
export function groupByRecipient<T extends DeferredPush>(pushes: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const push of pushes) {
    const key = `${push.channel}\n${push.recipientKey}\n${push.address ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), push]);
  }
  return [...groups.values()];
}

/** The `{{items}}` of a digest: numbered titles, then how many there are in all when some are left out. */
export function digestItems(pushes: readonly Pick<DeferredPush, "title">[]): string {
  const listed = pushes.slice(0, LISTED).map((p, i) => `${i + 1}.${p.title}`);
  if (pushes.length > LISTED) listed.push(`等${pushes.length}条`);
  return listed.join("；");
}
