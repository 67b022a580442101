import { cst } from '@cargotrace/gateway/demo';
import { containerNumber } from './synthetic-events';

/** Cross-district journeys of the demo network's shape for the journeys benchmark: a container
 * arrives by sea at the Yangshan terminal (district 2248, channel district-2200), is released for
 * bonded transit and handed off to the carrier, and is taken over at the SIP comprehensive bonded
 * zone (district 2305, channel district-2300), received and stored there. Every event is written
 * by the organisation that writes it in the demo story (gateway/src/demo/demo-flow.ts) and whose
 * write rule the chaincode enforces (docs/domain.md, Actors): the carrier its manifest, arrivals
 * and departure; the terminal the discharge and the hand-off; Yangshan customs the transit
 * declaration and the release; the SIP operator the take-over and its WMS steps. */

/** A journey's events in ledger order. */
export const EVENTS_PER_JOURNEY = 13;

/** One POST /api/v1/events of a wave: the events one user writes next. */
export interface JourneyRequest {
  userId: string;
  events: Record<string, unknown>[];
}

/** Which journeys, with which ids: `owner` is the containers' three-letter owner code (serials
 * below 1,000,000 give distinct container numbers), `tag` keeps event ids of different writers
 * apart, `startMs` is the first journey's arrival and `spacingMs` the time between arrivals. */
export interface JourneySet {
  owner: string;
  tag: string;
  startMs: number;
  spacingMs: number;
}

const CARRIER = { org: 'SinoTransMSP', enterpriseCode: '3101930777' };
const TERMINAL = { org: 'YangshanTerminalMSP', enterpriseCode: '3122960001' };
const SIP = { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' };
const SHANGHAI_CUSTOMS = { org: 'ShanghaiCustomsMSP' };

const HOUR = 3600_000;

export const journeyContainer = (set: JourneySet, serial: number): string => containerNumber(set.owner, serial);

/** The writers in the order they write, with the events each writes (step numbers, 0-based). */
const WRITERS: { userId: string; steps: number[] }[] = [
  { userId: 'sinotrans-dispatcher', steps: [0, 1] },
  { userId: 'yangshan-terminal-operator', steps: [2] },
  { userId: 'yangshan-officer', steps: [3, 4] },
  { userId: 'yangshan-terminal-operator', steps: [5] },
  { userId: 'sinotrans-dispatcher', steps: [6, 7] },
  { userId: 'sip-warehouse-operator', steps: [8, 9, 10, 11, 12] },
];

/** What a journey's events share. */
interface Journey {
  serial: number;
  at: (hoursAfterArrival: number) => string;
  box: { type: string; id: string };
  seals: string[];
  weight: { value: number; unit: string };
  transitDecl: { type: string; id: string };
}

/** The 13 events of journey `serial`. */
export function journeyEvents(set: JourneySet, serial: number): Record<string, unknown>[] {
  const j: Journey = {
    serial,
    at: (h: number) => cst(set.startMs + serial * set.spacingMs + h * HOUR),
    box: { type: 'container', id: journeyContainer(set, serial) },
    seals: [`SH${set.owner}${String(serial).padStart(7, '0')}`],
    weight: { value: 12_000 + (serial % 9000), unit: 'kg' },
    transitDecl: { type: 'transit', id: `Z2248${set.owner}${String(serial).padStart(9, '0')}` },
  };
  return [...yangshanArrival(j, set.owner), ...yangshanTransitStart(j), ...sipReceipt(j)].map((e, step) => ({
    id: `jrn-${set.tag}-${serial}-${step}`,
    ...e,
  }));
}

/** Yangshan (2248): manifest, arrival, discharge, transit declaration and release. */
function yangshanArrival({ serial, at, box, seals, weight, transitDecl }: Journey, owner: string): Record<string, unknown>[] {
  const yangshan = { district: '2248' };
  return [
    {
      ...yangshan,
      kind: 'MANIFEST_FILED',
      goods: [box, { type: 'consignment', id: `MFT-${owner}-${serial}/1` }],
      eventTime: at(-20),
      actor: CARRIER,
      references: [{ type: 'manifest', id: `MFT-${owner}-${serial}` }],
      weight,
    },
    { ...yangshan, kind: 'ARRIVED', goods: [box], eventTime: at(0), readPoint: 'CNYSA-BERTH-4', actor: CARRIER },
    {
      ...yangshan,
      kind: 'UNLOADED',
      goods: [box],
      eventTime: at(1),
      site: 'CNYSA-T4',
      readPoint: `CNYSA-T4-QC-0${serial % 8}`,
      actor: TERMINAL,
      custody: { from: CARRIER, to: TERMINAL },
      seals,
      weight,
    },
    {
      ...yangshan,
      kind: 'DECLARED',
      goods: [box],
      eventTime: at(3),
      actor: SHANGHAI_CUSTOMS,
      references: [transitDecl],
      disposition: 'transit_declared',
    },
    {
      ...yangshan,
      kind: 'RELEASED',
      goods: [box],
      eventTime: at(5),
      actor: SHANGHAI_CUSTOMS,
      references: [transitDecl],
      disposition: 'released_for_transit',
    },
  ];
}

/** Yangshan: the hand-off to the carrier for bonded transit to 2305, and the departure. */
function yangshanTransitStart({ at, box, seals, weight, transitDecl }: Journey): Record<string, unknown>[] {
  return [
    {
      district: '2248',
      kind: 'HANDED_OFF',
      goods: [box],
      eventTime: at(6),
      site: 'CNYSA-T4',
      actor: TERMINAL,
      custody: { from: TERMINAL, to: CARRIER },
      seals,
      weight,
      references: [transitDecl],
      transit: { destinationDistrict: '2305', dueBy: at(30) },
    },
    { district: '2248', kind: 'DEPARTED', goods: [box], eventTime: at(6.5), readPoint: 'CNYSA-T4-GATE-2', actor: CARRIER },
  ];
}

/** SIP (2305): the carrier's arrival, the take-over at the gate, receipt, storage and a move. */
function sipReceipt({ serial, at, box, seals, weight, transitDecl }: Journey): Record<string, unknown>[] {
  const sip = { district: '2305', actor: SIP };
  return [
    { district: '2305', kind: 'ARRIVED', goods: [box], eventTime: at(11), readPoint: 'CNSZP-BZ-GATE1', actor: CARRIER },
    {
      ...sip,
      kind: 'TAKEN_OVER',
      goods: [box],
      eventTime: at(11.5),
      site: 'CNSZP-BZ-GATE1',
      custody: { from: CARRIER, to: SIP },
      seals,
      weight,
      references: [transitDecl],
    },
    { ...sip, kind: 'GATE_IN', goods: [box], eventTime: at(11.6), site: 'CNSZP-BZ-GATE1', readPoint: 'CNSZP-BZ-GATE1-LANE-3', seals },
    { ...sip, kind: 'RECEIVED', goods: [box], eventTime: at(12), site: 'CNSZP-BZ-WH01', supervisionStatus: 'bonded' },
    {
      ...sip,
      kind: 'STORED',
      goods: [box],
      eventTime: at(16),
      site: 'CNSZP-BZ-WH01',
      readPoint: `CNSZP-BZ-WH01-${String.fromCharCode(65 + (serial % 6))}-0${serial % 9}`,
      supervisionStatus: 'bonded',
    },
    { ...sip, kind: 'MOVED', goods: [box], eventTime: at(40), site: 'CNSZP-BZ-WH01', readPoint: `CNSZP-BZ-WH01-Y-0${serial % 9}` },
  ];
}

/** Journeys `first`..`first + count - 1` as the requests that write them, in the order the
 * chaincode needs them (each request's writer holds custody or takes it over): one request per
 * writer turn, each carrying that turn's events of every journey of the wave. */
export function journeyWave(set: JourneySet, first: number, count: number): JourneyRequest[] {
  const journeys = Array.from({ length: count }, (_, i) => journeyEvents(set, first + i));
  return WRITERS.map(({ userId, steps }) => ({ userId, events: journeys.flatMap((j) => steps.map((s) => j[s])) }));
}
