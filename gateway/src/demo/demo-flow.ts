/** The demo story seeded into an empty ledger by `npm start`. Times are relative to `now` so that
 * the overdue transit is overdue whenever the demo starts.
 *
 * Story: container COSU6331218 arrives by sea at Yangshan (district 2248, Shanghai), moves in
 * bonded transit (转关) to the Suzhou Industrial Park comprehensive bonded zone (2305, Nanjing),
 * is received, unpacked, inspected by CIQ and its parts processed into finished goods; the unused
 * materials change to non-bonded status; the finished lot is packed into TGHU8827013 and leaves
 * through the Youyiguan land port (7206, Nanning) for Viet Nam. The exporter is AEO-certified and a
 * mutual-recognition consignment record exists for Viet Nam customs. Two broken chains: OOLU4582102
 * arrives with a different seal, and CSNU7001122 never arrives (overdue transit). */

export interface DemoSubmission {
  /** Config user id whose identity records the event. */
  userId: string;
  event: Record<string, unknown>;
}

export const DEMO_CONTAINER = 'COSU6331218';
export const DEMO_EXPORT_CONTAINER = 'TGHU8827013';
export const DEMO_SEAL_MISMATCH_CONTAINER = 'OOLU4582102';
export const DEMO_OVERDUE_CONTAINER = 'CSNU7001122';
export const DEMO_EXPORTER = '3205960123';

const container = (id: string) => ({ type: 'container', id });
const lot = (id: string) => ({ type: 'lot', id });

const TERMINAL = { org: 'YangshanTerminalMSP', enterpriseCode: '3122960001' };
const CARRIER = { org: 'SinoTransMSP', enterpriseCode: '3101930777' };
const SIP = { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' };
const YOUYIGUAN = { org: 'YouyiguanLogisticsMSP', enterpriseCode: '4506960045' };

/** ISO 8601 in China Standard Time, the offset the districts record local events in. */
export function cst(ms: number): string {
  const local = new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}+08:00`;
}

/** What the demo's events share: times relative to the start, the goods and the documents. */
interface DemoStory {
  at: (hoursAfterArrival: number) => string;
  importBox: { type: string; id: string };
  exportBox: { type: string; id: string };
  inputLot: { type: string; id: string };
  outputLot: { type: string; id: string };
  part: { type: string; id: string; book: string };
  importSeals: string[];
  exportSeals: string[];
  transitDecl: { type: string; id: string };
  exportDecl: { type: string; id: string };
}

const s = (userId: string, event: Record<string, unknown>): DemoSubmission => ({ userId, event });

export function demoFlow(now: Date): DemoSubmission[] {
  const hour = 3600_000;
  const t0 = now.getTime() - 96 * hour;
  const story: DemoStory = {
    at: (h: number) => cst(t0 + h * hour),
    importBox: container(DEMO_CONTAINER),
    exportBox: container(DEMO_EXPORT_CONTAINER),
    inputLot: lot('LOT-SIP-IN-20261120-01'),
    outputLot: lot('LOT-SIP-OUT-20261121-01'),
    part: { type: 'part', id: 'PN-7788-A', book: 'E23052600001' },
    importSeals: ['SH2026A000123'],
    exportSeals: ['SZ2026B000456'],
    transitDecl: { type: 'transit', id: 'Z224820261100123' },
    exportDecl: { type: 'declaration', id: '230520261000654321' },
  };
  return [
    ...yangshanArrival(story),
    ...yangshanTransitStart(story),
    ...sipReceipt(story),
    ...sipInspection(story),
    ...sipProcessing(story),
    ...sipDeparture(story),
    ...youyiguanArrival(story),
    ...youyiguanExit(story),
    ...sealMismatchChain(story),
    ...overdueChain(story),
  ];
}

/** Yangshan, district 2248 (channel district-2200): the manifest, arrival, discharge, declaration and release. */
function yangshanArrival({ at, importBox, importSeals, transitDecl }: DemoStory): DemoSubmission[] {
  return [
    s('sinotrans-dispatcher', {
      id: 'demo-a01',
      kind: 'MANIFEST_FILED',
      goods: [importBox, { type: 'consignment', id: 'MFT-2026-YS-001823/1' }],
      eventTime: at(-20),
      district: '2248',
      actor: CARRIER,
      references: [
        { type: 'manifest', id: 'MFT-2026-YS-001823' },
        { type: 'bill-of-lading', id: 'COSU8812345670' },
      ],
      weight: { value: 18250, unit: 'kg' },
    }),
    s('sinotrans-dispatcher', {
      id: 'demo-a02',
      kind: 'ARRIVED',
      goods: [importBox],
      eventTime: at(0),
      district: '2248',
      readPoint: 'CNYSA-BERTH-4',
      actor: CARRIER,
    }),
    s('yangshan-terminal-operator', {
      id: 'demo-a03',
      kind: 'UNLOADED',
      goods: [importBox],
      eventTime: at(1),
      district: '2248',
      site: 'CNYSA-T4',
      readPoint: 'CNYSA-T4-QC-07',
      actor: TERMINAL,
      custody: { from: CARRIER, to: TERMINAL },
      seals: importSeals,
      weight: { value: 18250, unit: 'kg' },
    }),
    s('yangshan-officer', {
      id: 'demo-a04',
      kind: 'DECLARED',
      goods: [importBox],
      eventTime: at(3),
      district: '2248',
      actor: { org: 'ShanghaiCustomsMSP' },
      references: [transitDecl],
      disposition: 'transit_declared',
    }),
    s('yangshan-officer', {
      id: 'demo-a05',
      kind: 'RELEASED',
      goods: [importBox],
      eventTime: at(5),
      district: '2248',
      actor: { org: 'ShanghaiCustomsMSP' },
      references: [transitDecl, { type: 'release-slip', id: 'HF2248202611000077' }],
      disposition: 'released_for_transit',
    }),
  ];
}

/** Yangshan: the bonded transit to Suzhou starts. */
function yangshanTransitStart({ at, importBox, importSeals, transitDecl }: DemoStory): DemoSubmission[] {
  return [
    s('yangshan-terminal-operator', {
      id: 'demo-a06',
      kind: 'HANDED_OFF',
      goods: [importBox],
      eventTime: at(6),
      district: '2248',
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: TERMINAL, to: CARRIER },
      seals: importSeals,
      weight: { value: 18250, unit: 'kg' },
      references: [transitDecl],
      transit: { destinationDistrict: '2305', dueBy: at(30) },
    }),
    s('sinotrans-dispatcher', {
      id: 'demo-a07',
      kind: 'DEPARTED',
      goods: [importBox],
      eventTime: at(6.5),
      district: '2248',
      readPoint: 'CNYSA-T4-GATE-2',
      actor: CARRIER,
      references: [transitDecl],
    }),
  ];
}

/** Suzhou Industrial Park, district 2305 (channel district-2300): the transit arrives and the bonded zone receives it. */
function sipReceipt({ at, importBox, importSeals, transitDecl }: DemoStory): DemoSubmission[] {
  return [
    s('sinotrans-dispatcher', {
      id: 'demo-a08',
      kind: 'ARRIVED',
      goods: [importBox],
      eventTime: at(11),
      district: '2305',
      readPoint: 'CNSZP-BZ-GATE1',
      actor: CARRIER,
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a09',
      kind: 'TAKEN_OVER',
      goods: [importBox],
      eventTime: at(11.5),
      district: '2305',
      site: 'CNSZP-BZ-GATE1',
      actor: SIP,
      custody: { from: CARRIER, to: SIP },
      seals: importSeals,
      weight: { value: 18230, unit: 'kg' },
      references: [transitDecl],
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a10',
      kind: 'GATE_IN',
      goods: [importBox],
      eventTime: at(11.6),
      district: '2305',
      site: 'CNSZP-BZ-GATE1',
      readPoint: 'CNSZP-BZ-GATE1-LANE-3',
      actor: SIP,
      seals: importSeals,
      weight: { value: 18230, unit: 'kg' },
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a11',
      kind: 'RECEIVED',
      goods: [importBox],
      eventTime: at(12),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: SIP,
      supervisionStatus: 'bonded',
    }),
  ];
}

/** Suzhou: unpacking, the CIQ inspection and storage of the parts. */
function sipInspection({ at, importBox, inputLot }: DemoStory): DemoSubmission[] {
  return [
    s('sip-warehouse-operator', {
      id: 'demo-a12',
      kind: 'UNPACKED',
      goods: [importBox, inputLot],
      eventTime: at(13),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: SIP,
      parent: importBox,
      children: [inputLot],
      quantity: { value: 1200, unit: 'CT' },
    }),
    s('sip-officer', {
      id: 'demo-a13',
      kind: 'INSPECTION_ORDERED',
      goods: [inputLot],
      eventTime: at(13.2),
      district: '2305',
      actor: { org: 'NanjingCustomsMSP' },
      disposition: 'inspection_ordered',
    }),
    s('ciq-inspector', {
      id: 'demo-a14',
      kind: 'QUARANTINE_RESULT',
      goods: [inputLot],
      eventTime: at(15),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: { org: 'CIQMSP' },
      result: 'pass',
      evidence: {
        documents: [{ name: 'quarantine-certificate.pdf', sha256: '9f2c1d7a0b5e4c3f8a6d2e1b0c9f8e7d6c5b4a3928171605f4e3d2c1b0a99887' }],
      },
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a15',
      kind: 'STORED',
      goods: [inputLot],
      eventTime: at(16),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      readPoint: 'CNSZP-BZ-WH01-A-03-2',
      actor: SIP,
      supervisionStatus: 'bonded',
    }),
  ];
}

/** Suzhou: processing into finished goods, the unused materials out of bond, packing and export declaration. */
function sipProcessing({ at, exportBox, inputLot, outputLot, part, exportSeals, exportDecl }: DemoStory): DemoSubmission[] {
  return [
    s('sip-warehouse-operator', {
      id: 'demo-a16',
      kind: 'PROCESSED',
      goods: [inputLot, part, outputLot],
      eventTime: at(30),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: SIP,
      inputs: [
        { goods: inputLot, quantity: { value: 1000, unit: 'CT' } },
        { goods: part, quantity: { value: 4000, unit: 'PCE' } },
      ],
      outputs: [{ goods: outputLot, quantity: { value: 800, unit: 'CT' } }],
      references: [{ type: 'e-account-book', id: 'E23052600001' }],
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a17',
      kind: 'STATUS_CHANGED',
      goods: [inputLot],
      eventTime: at(31),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: SIP,
      supervisionStatus: 'non-bonded',
      quantity: { value: 200, unit: 'CT' },
      references: [{ type: 'declaration', id: '230520261000654000' }],
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a18',
      kind: 'PACKED',
      goods: [exportBox, outputLot],
      eventTime: at(36),
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      actor: SIP,
      parent: exportBox,
      children: [outputLot],
      seals: exportSeals,
      weight: { value: 12400, unit: 'kg' },
    }),
    s('sip-officer', {
      id: 'demo-a19',
      kind: 'DECLARED',
      goods: [exportBox],
      eventTime: at(37),
      district: '2305',
      actor: { org: 'NanjingCustomsMSP' },
      references: [exportDecl],
      weight: { value: 12400, unit: 'kg' },
      disposition: 'export_declared',
    }),
  ];
}

/** Suzhou: the export container leaves in transit for Youyiguan. */
function sipDeparture({ at, exportBox, exportSeals, exportDecl }: DemoStory): DemoSubmission[] {
  return [
    s('sip-warehouse-operator', {
      id: 'demo-a20',
      kind: 'GATE_OUT',
      goods: [exportBox],
      eventTime: at(38),
      district: '2305',
      site: 'CNSZP-BZ-GATE1',
      actor: SIP,
      seals: exportSeals,
      weight: { value: 12400, unit: 'kg' },
    }),
    s('sip-warehouse-operator', {
      id: 'demo-a21',
      kind: 'HANDED_OFF',
      goods: [exportBox],
      eventTime: at(38.2),
      district: '2305',
      site: 'CNSZP-BZ-GATE1',
      actor: SIP,
      custody: { from: SIP, to: CARRIER },
      seals: exportSeals,
      weight: { value: 12400, unit: 'kg' },
      references: [exportDecl],
      transit: { destinationDistrict: '7206', dueBy: at(80) },
    }),
    s('sinotrans-dispatcher', {
      id: 'demo-a22',
      kind: 'DEPARTED',
      goods: [exportBox],
      eventTime: at(38.5),
      district: '2305',
      actor: CARRIER,
    }),
  ];
}

/** Youyiguan land port, district 7206 (channel district-7200): arrival, take-over and release. */
function youyiguanArrival({ at, exportBox, exportSeals, exportDecl }: DemoStory): DemoSubmission[] {
  return [
    s('sinotrans-dispatcher', {
      id: 'demo-a23',
      kind: 'ARRIVED',
      goods: [exportBox],
      eventTime: at(62),
      district: '7206',
      readPoint: 'CNYYG-GATE',
      actor: CARRIER,
    }),
    s('youyiguan-gate-operator', {
      id: 'demo-a24',
      kind: 'TAKEN_OVER',
      goods: [exportBox],
      eventTime: at(62.5),
      district: '7206',
      site: 'CNYYG-GATE',
      actor: YOUYIGUAN,
      custody: { from: CARRIER, to: YOUYIGUAN },
      seals: exportSeals,
      weight: { value: 12410, unit: 'kg' },
    }),
    s('youyiguan-officer', {
      id: 'demo-a25',
      kind: 'RELEASED',
      goods: [exportBox],
      eventTime: at(64),
      district: '7206',
      actor: { org: 'NanningCustomsMSP' },
      references: [exportDecl, { type: 'release-slip', id: 'HF7206202611000311' }],
      disposition: 'released',
    }),
  ];
}

/** Youyiguan: the export container leaves for Viet Nam. */
function youyiguanExit({ at, exportBox, exportSeals, exportDecl }: DemoStory): DemoSubmission[] {
  return [
    s('youyiguan-gate-operator', {
      id: 'demo-a26',
      kind: 'GATE_OUT',
      goods: [exportBox],
      eventTime: at(65),
      district: '7206',
      site: 'CNYYG-GATE',
      readPoint: 'CNYYG-GATE-LANE-1',
      actor: YOUYIGUAN,
      seals: exportSeals,
      weight: { value: 12410, unit: 'kg' },
    }),
    s('youyiguan-officer', {
      id: 'demo-a27',
      kind: 'EXPORTED',
      goods: [exportBox],
      eventTime: at(65.5),
      district: '7206',
      actor: { org: 'NanningCustomsMSP' },
      references: [exportDecl],
      disposition: 'exported_to_VN',
    }),
  ];
}

/** Broken chain 1: the seal changed between Yangshan and the bonded zone. */
function sealMismatchChain({ at }: DemoStory): DemoSubmission[] {
  return [
    s('yangshan-terminal-operator', {
      id: 'demo-b01',
      kind: 'UNLOADED',
      goods: [container(DEMO_SEAL_MISMATCH_CONTAINER)],
      eventTime: at(2),
      district: '2248',
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: CARRIER, to: TERMINAL },
      seals: ['SH2026A000777'],
      weight: { value: 21000, unit: 'kg' },
    }),
    s('yangshan-terminal-operator', {
      id: 'demo-b02',
      kind: 'HANDED_OFF',
      goods: [container(DEMO_SEAL_MISMATCH_CONTAINER)],
      eventTime: at(7),
      district: '2248',
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: TERMINAL, to: CARRIER },
      seals: ['SH2026A000777'],
      weight: { value: 21000, unit: 'kg' },
      transit: { destinationDistrict: '2305', dueBy: at(31) },
    }),
    s('sip-warehouse-operator', {
      id: 'demo-b03',
      kind: 'TAKEN_OVER',
      goods: [container(DEMO_SEAL_MISMATCH_CONTAINER)],
      eventTime: at(14),
      district: '2305',
      site: 'CNSZP-BZ-GATE1',
      actor: SIP,
      custody: { from: CARRIER, to: SIP },
      seals: ['SH2026A000778'],
      weight: { value: 20990, unit: 'kg' },
    }),
  ];
}

/** Broken chain 2: handed off for transit, never taken over (overdue). */
function overdueChain({ at }: DemoStory): DemoSubmission[] {
  return [
    s('yangshan-terminal-operator', {
      id: 'demo-c01',
      kind: 'UNLOADED',
      goods: [container(DEMO_OVERDUE_CONTAINER)],
      eventTime: at(60),
      district: '2248',
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: CARRIER, to: TERMINAL },
      seals: ['SH2026A000901'],
      weight: { value: 15500, unit: 'kg' },
    }),
    s('yangshan-terminal-operator', {
      id: 'demo-c02',
      kind: 'HANDED_OFF',
      goods: [container(DEMO_OVERDUE_CONTAINER)],
      eventTime: at(62),
      district: '2248',
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: TERMINAL, to: CARRIER },
      seals: ['SH2026A000901'],
      weight: { value: 15500, unit: 'kg' },
      transit: { destinationDistrict: '2305', dueBy: at(86) },
    }),
  ];
}

/** AEO certificate of the exporter and the mutual-recognition consignment for Viet Nam customs. */
export function demoMutualRecognition(now: Date): { userId: string; aeo: Record<string, unknown>; consignment: Record<string, unknown> } {
  const day = (d: number) => new Date(now.getTime() + d * 86400_000).toISOString().slice(0, 10);
  return {
    userId: 'nanjing-officer',
    aeo: {
      enterpriseCode: DEMO_EXPORTER,
      enterpriseName: 'SIP Bonded Logistics Co.',
      level: 'advanced',
      validFrom: day(-400),
      validTo: day(700),
      issuingCustoms: 'CN',
      partnerCustoms: ['VN'],
      status: 'valid',
    },
    consignment: {
      id: 'MR-2026-VN-000123',
      enterpriseCode: DEMO_EXPORTER,
      exportDeclaration: '230520261000654321',
      goods: [{ type: 'container', id: DEMO_EXPORT_CONTAINER }],
      partnerCustoms: 'VN',
      originDistrict: '2305',
      destinationCountry: 'VN',
      status: 'exported',
    },
  };
}
