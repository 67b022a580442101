import { channelForDistrict, type NetworkConfig } from '@cargotrace/network';
import type { LocatedRecord } from '@cargotrace/gateway/trace';
import { demoFlow } from '@cargotrace/gateway/demo';
import { defined } from '../../support/defined';

/** The demo story as stored records, without a ledger (for the pure trace/gate/scope tests). */
export function demoRecords(config: NetworkConfig, now: Date): LocatedRecord[] {
  return demoFlow(now).map((s, i) => {
    const user = defined(
      config.users.find((u) => u.id === s.userId),
      `user ${s.userId}`,
    );
    const event = s.event as unknown as LocatedRecord['event'];
    return {
      event,
      recordedTime: new Date(now.getTime() - 1000 + i).toISOString(),
      txId: `tx-${i}`,
      recordedBy: { mspId: user.org, id: user.id, role: user.role, district: user.district },
      channel: defined(channelForDistrict(config, event.district), `channel of district ${event.district}`),
      seq: i,
      proof: { blockNumber: i + 3, txIndex: 0, blockHash: `hash-${i}` },
    };
  });
}

export const recordsOf = (records: LocatedRecord[], type: string, id: string) =>
  records.filter((r) => r.event.goods.some((g) => g.type === type && g.id === id));

/** ISO 6346 check digit. */
export function containerNo(prefix: string, serial: string): string {
  const values: Record<string, number> = {};
  let v = 10;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    values[c] = v++;
  }
  const body = prefix + serial;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (/\d/.test(body[i]) ? Number(body[i]) : values[body[i]]) * 2 ** i;
  return `${body}${(sum % 11) % 10}`;
}
