import { iso6346CheckDigit } from '@cargotrace/model';

/** Where synthetic WMS events happen: one warehouse or gate operator at one of its sites. */
export interface SyntheticSite {
  channel: string;
  userId: string;
  district: string;
  site: string;
  actor: { org: string; enterpriseCode: string };
  /** Three-letter container owner code, distinct per site so that sites never share goods. */
  owner: string;
}

export const SIP_WAREHOUSE: SyntheticSite = {
  channel: 'district-2300',
  userId: 'sip-warehouse-operator',
  district: '2305',
  site: 'CNSZP-BZ-WH01',
  actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
  owner: 'BNC',
};
export const YANGSHAN_TERMINAL: SyntheticSite = {
  channel: 'district-2200',
  userId: 'yangshan-terminal-operator',
  district: '2248',
  site: 'CNYSA-T4',
  actor: { org: 'YangshanTerminalMSP', enterpriseCode: '3122960001' },
  owner: 'YSA',
};
export const YOUYIGUAN_GATE: SyntheticSite = {
  channel: 'district-7200',
  userId: 'youyiguan-gate-operator',
  district: '7206',
  site: 'CNYYG-GATE',
  actor: { org: 'YouyiguanLogisticsMSP', enterpriseCode: '4506960045' },
  owner: 'YYG',
};

/** Each container is received, stored, moved, picked and dispatched. Each batch has its own
 * containers, so concurrent batches never touch the same goods state (which would be a real MVCC
 * conflict, not a measure of throughput). */
const FLOW = ['RECEIVED', 'STORED', 'MOVED', 'PICKED', 'DISPATCHED'] as const;

export function containerNumber(owner: string, serial: number): string {
  const prefix = `${owner}U${String(serial % 1_000_000).padStart(6, '0')}`;
  return `${prefix}${iso6346CheckDigit(prefix)}`;
}

export function syntheticBatch(
  batchNo: number,
  size: number,
  baseMs: number,
  at: SyntheticSite = SIP_WAREHOUSE,
): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const perContainer = FLOW.length;
  for (let i = 0; i < size; i++) {
    const serial = batchNo * Math.ceil(size / perContainer) + Math.floor(i / perContainer);
    const step = i % perContainer;
    const kind = FLOW[step];
    const t = new Date(baseMs + serial * 60_000 + step * 1000).toISOString().replace('Z', '+00:00');
    events.push({
      id: `bench-${at.owner}-${batchNo}-${i}`,
      kind,
      goods: [{ type: 'container', id: containerNumber(at.owner, serial) }],
      eventTime: t,
      district: at.district,
      site: at.site,
      readPoint: `${at.site}-${String.fromCharCode(65 + (serial % 6))}-${String(step).padStart(2, '0')}`,
      actor: at.actor,
      ...(kind === 'RECEIVED' ? { custody: { to: at.actor }, supervisionStatus: 'bonded' } : {}),
      weight: { value: 10_000 + (serial % 9000), unit: 'kg' },
    });
  }
  return events;
}
