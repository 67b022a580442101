/** A carrier's ARRIVED event of one container at the Youyiguan gate read point, `minutesAgo`
 * before now, in `district`: the smallest event the gateway tests append. */
export function arrivedEvent(id: string, goods: string, minutesAgo: number, district: string) {
  return {
    id,
    kind: 'ARRIVED',
    goods: [{ type: 'container', id: goods }],
    eventTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    district,
    readPoint: 'CNYYG-GATE',
    actor: { org: 'SinoTransMSP' },
  };
}
