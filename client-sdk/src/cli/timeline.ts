import type { TraceResult, TraceEvent } from '../client';

/** A trace as text: events by district and custodian, then district crossings and anomalies. */
export function timeline(tr: TraceResult, goodsId: string): string {
  const lines: string[] = [];
  lines.push(`Trace of ${tr.root ? `${tr.root.type} ${tr.root.id}` : goodsId} across districts ${(tr.districts ?? []).join(', ') || '-'}${tr.hiddenGoods ? ` (${tr.hiddenGoods} related goods outside your scope)` : ''}`);
  const events = [...(tr.events ?? [])];
  // custodian at an event: the custody segment covering it, else the event's receiving party/actor
  const segs = tr.custody ?? [];
  const custodianAt = (e: TraceEvent): string | undefined => {
    const t = Date.parse(e.eventTime ?? '');
    const seg = segs.find((s) => s.district === e.district && Date.parse(s.from) <= t && (!s.to || t <= Date.parse(s.to)) && e.goods?.some((g) => g.id === s.goods.id));
    return seg?.custodian.org ?? e.custody?.to?.org ?? e.actor?.org ?? undefined;
  };
  let district: string | undefined;
  let custodian: string | undefined;
  for (const e of events) {
    if (e.district !== district) {
      district = e.district;
      custodian = undefined;
      lines.push('', `== district ${district} ==`);
    }
    const holder = custodianAt(e);
    if (holder && holder !== custodian) {
      custodian = holder;
      lines.push(`  -- custodian ${custodian} --`);
    }
    const where = [e.site, e.readPoint].filter(Boolean).join(' / ');
    const extra = [
      e.custody?.from && e.custody?.to ? `${e.custody.from.org} -> ${e.custody.to.org}` : '',
      e.seals?.length ? `seals ${e.seals.join(',')}` : '',
      e.weight ? `${e.weight.value} ${e.weight.unit}` : '',
      e.disposition ?? '', e.supervisionStatus ?? '', e.result ? `result ${e.result}` : '',
    ].filter(Boolean).join('; ');
    const goods = (e.goods ?? []).map((g) => g.id).join(',');
    lines.push(`  ${e.eventTime}  ${String(e.kind).padEnd(18)} ${goods}${where ? ` @ ${where}` : ''}${extra ? `  (${extra})` : ''}`);
  }
  if (tr.crossings?.length) {
    lines.push('', 'District crossings:');
    for (const c of tr.crossings) lines.push(`  ${c.goods.id}: ${c.fromDistrict ?? '?'} -> ${c.toDistrict ?? '?'}  ${c.verdict}${c.issues.length > 1 ? ` (${c.issues.join(', ')})` : ''}`);
  }
  if (tr.anomalies?.length) {
    lines.push('', 'Anomalies:');
    for (const a of tr.anomalies) lines.push(`  ! ${a.severity} ${a.type} [${a.district}] ${a.goods.id}: ${a.message}`);
  }
  return lines.join('\n');
}

