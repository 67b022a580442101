import type { TraceResult, TraceEvent } from '../client';

type Segment = TraceResult['custody'][number];

function heading(tr: TraceResult): string {
  const root = `${tr.root.type} ${tr.root.id}`;
  const hidden = tr.hiddenGoods ? ` (${tr.hiddenGoods} related goods outside your scope)` : '';
  return `Trace of ${root} across districts ${tr.districts.join(', ') || '-'}${hidden}`;
}

function segmentCovers(s: Segment, e: TraceEvent, t: number): boolean {
  return (
    s.district === e.district && Date.parse(s.from) <= t && (!s.to || t <= Date.parse(s.to)) && e.goods.some((g) => g.id === s.goods.id)
  );
}

/** Custodian at an event: the custody segment covering it, else the event's receiving party/actor. */
function custodianAt(segments: Segment[], e: TraceEvent): string | undefined {
  const t = Date.parse(e.eventTime);
  const seg = segments.find((s) => segmentCovers(s, e, t));
  return seg?.custodian.org ?? e.custody?.to?.org ?? e.actor?.org ?? undefined;
}

function eventDetails(e: TraceEvent): string {
  return [
    e.custody?.from && e.custody.to ? `${String(e.custody.from.org)} -> ${String(e.custody.to.org)}` : '',
    e.seals?.length ? `seals ${e.seals.join(',')}` : '',
    e.weight ? `${e.weight.value} ${e.weight.unit}` : '',
    e.disposition ?? '',
    e.supervisionStatus ?? '',
    e.result ? `result ${e.result}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function eventLine(e: TraceEvent): string {
  const where = [e.site, e.readPoint].filter(Boolean).join(' / ');
  const extra = eventDetails(e);
  const goods = e.goods.map((g) => g.id).join(',');
  return `  ${e.eventTime}  ${e.kind.padEnd(18)} ${goods}${where ? ` @ ${where}` : ''}${extra ? `  (${extra})` : ''}`;
}

/** Events grouped under a line per district and a line per change of custodian. */
function eventLines(tr: TraceResult): string[] {
  const lines: string[] = [];
  const segments = tr.custody;
  let district: string | undefined;
  let custodian: string | undefined;
  for (const e of tr.events) {
    if (e.district !== district) {
      district = e.district;
      custodian = undefined;
      lines.push('', `== district ${district} ==`);
    }
    const holder = custodianAt(segments, e);
    if (holder && holder !== custodian) {
      custodian = holder;
      lines.push(`  -- custodian ${custodian} --`);
    }
    lines.push(eventLine(e));
  }
  return lines;
}

function crossingLines(tr: TraceResult): string[] {
  if (!tr.crossings.length) return [];
  return [
    '',
    'District crossings:',
    ...tr.crossings.map(
      (c) =>
        `  ${c.goods.id}: ${c.fromDistrict ?? '?'} -> ${c.toDistrict ?? '?'}  ${c.verdict}${c.issues.length > 1 ? ` (${c.issues.join(', ')})` : ''}`,
    ),
  ];
}

function anomalyLines(tr: TraceResult): string[] {
  if (!tr.anomalies.length) return [];
  return ['', 'Anomalies:', ...tr.anomalies.map((a) => `  ! ${a.severity} ${a.type} [${a.district}] ${a.goods.id}: ${a.message}`)];
}

/** A trace as text: events by district and custodian, then district crossings and anomalies. */
export function timeline(tr: TraceResult): string {
  return [heading(tr), ...eventLines(tr), ...crossingLines(tr), ...anomalyLines(tr)].join('\n');
}
