import type { CsvMapping } from '@cargotrace/client-sdk';

/** The mapping of a WMS export of lots at the SIP bonded warehouse (2305), as the CLI imports it. */
export const WMS_LOT_MAPPING: CsvMapping = {
  columns: {
    'Txn No': 'id',
    Lot: 'goods[0].id',
    Movement: 'kind',
    'Move Time': 'eventTime',
    Bin: 'readPoint',
    Qty: { field: 'quantity.value', type: 'number' },
  },
  constants: {
    district: '2305',
    site: 'CNSZP-BZ-WH01',
    'goods[0].type': 'lot',
    'quantity.unit': 'CT',
    actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
  },
  kinds: { GR: 'RECEIVED', PA: 'STORED', MV: 'MOVED' },
  timeZone: 'Asia/Shanghai',
};

/** A WMS export of `rows` movements (received, put away, moved) over 500 lots, one second apart;
 * `tag` keeps the transaction numbers of different exports apart. Returns the CSV and its
 * transaction numbers in row order. */
export function wmsLotExport(rows: number, tag: string): { csv: string; txnNos: string[] } {
  const txnNos: string[] = [];
  const lines = ['Txn No,Lot,Movement,Move Time,Bin,Qty'];
  const codes = ['GR', 'PA', 'MV'];
  const t0 = Date.UTC(2026, 10, 1);
  for (let i = 0; i < rows; i++) {
    const txnNo = `${tag}-${String(i).padStart(7, '0')}`;
    txnNos.push(txnNo);
    const t = new Date(t0 + i * 1000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`${txnNo},LOT-${tag}-${String(i % 500).padStart(4, '0')},${codes[i % 3]},${t},A-${i % 40}-${i % 7},${(i % 90) + 1}`);
  }
  return { csv: lines.join('\n') + '\n', txnNos };
}
