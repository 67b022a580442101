/** Trace view: search, swim-lane timeline, goods graph, anomalies, events with ledger proofs. */
import type { Api } from './api.js';
import { ApiError } from './api.js';
import { clear, fmtTime, h, s, shortOrg } from './dom.js';
import { anomalyLabel, goodsTypeLabel, kindLabel, severityLabel, t, verdictLabel } from './i18n.js';
import { goodsGraphLayout, goodsKey, NODE_H, NODE_W, swimlaneLayout, VERDICT_COLOUR, type SwimlaneLayout } from './layout.js';
import { EVENTS_PAGE, TRACE, VERIFY } from './queries.js';
import { inferGoodsType } from './stats.js';
import type { GoodsType } from '@cargotrace/model';
import type { ChainVerification, CustodyEvent, District, GoodsRef, LedgerProof, Trace, Viewer } from '@cargotrace/model/graphql';

export interface AppContext {
  api: Api;
  viewer: Viewer;
  districts: Map<string, District>;
  districtName(code: string): string;
  navigate(hash: string): void;
}

/** The model's goods types in the order the search offers them. */
const GOODS_TYPES: readonly string[] = [
  'container',
  'consignment',
  'lot',
  'part',
  'epc',
  'digital-link',
  'declaration',
] satisfies readonly GoodsType[];

export class TraceView {
  readonly el = h('section', { class: 'view trace-view', 'aria-labelledby': 'trace-heading' });
  private readonly input = h('input', {
    id: 'trace-id',
    name: 'goods-id',
    type: 'search',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    'data-i18n-attr': 'placeholder:trace.searchHint',
    'aria-describedby': 'trace-hint',
  });
  private readonly type = h('select', { id: 'trace-type', name: 'type' });
  private readonly depth = h('select', { id: 'trace-depth', name: 'depth' });
  private readonly status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly result = h('div', { class: 'trace-result' });
  private last?: { trace: Trace; via?: string };

  constructor(private readonly ctx: AppContext) {
    for (let d = 0; d <= 6; d++) this.depth.append(h('option', { value: String(d), ...(d === 3 ? { selected: true } : {}) }, String(d)));
    const form = h(
      'form',
      {
        class: 'search',
        role: 'search',
        onsubmit: ((e: Event) => {
          e.preventDefault();
          this.submit();
        }) as EventListener,
      },
      h(
        'div',
        { class: 'field grow' },
        h('label', { for: 'trace-id', 'data-i18n': 'trace.search' }),
        this.input,
        h('small', { id: 'trace-hint', 'data-i18n': 'trace.searchHint' }),
      ),
      h('div', { class: 'field' }, h('label', { for: 'trace-type', 'data-i18n': 'trace.type' }), this.type),
      h('div', { class: 'field' }, h('label', { for: 'trace-depth', 'data-i18n': 'trace.depth' }), this.depth),
      h('button', { type: 'submit', id: 'trace-submit', class: 'primary', 'data-i18n': 'trace.go' }),
    );
    this.el.append(h('h1', { id: 'trace-heading', 'data-i18n': 'nav.trace' }), form, this.status, this.result);
    this.fillTypes();
  }

  private fillTypes(): void {
    const v = this.type.value;
    clear(this.type);
    this.type.append(h('option', { value: '' }, t('trace.typeAuto')));
    for (const g of GOODS_TYPES) this.type.append(h('option', { value: g }, goodsTypeLabel(g)));
    this.type.value = v;
  }

  relabel(): void {
    this.fillTypes();
    if (this.last) this.render(this.last.trace, this.last.via);
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const id = this.input.value.trim();
    if (!id) return;
    const type = this.type.value;
    this.ctx.navigate(
      `#/trace/${encodeURIComponent(id)}${type ? `?type=${encodeURIComponent(type)}` : ''}${this.depth.value !== '3' ? `${type ? '&' : '?'}depth=${this.depth.value}` : ''}`,
    );
  }

  /** Runs a trace (called by the router). */
  async show(id: string, type?: string, depth?: number): Promise<void> {
    this.input.value = id;
    this.type.value = type ?? '';
    if (depth !== undefined) this.depth.value = String(depth);
    const maxDepth = Number(this.depth.value);
    clear(this.result);
    this.last = undefined;
    this.status.className = 'status';
    this.status.textContent = t('trace.loading');
    try {
      const inferred = inferGoodsType(id);
      const asType = type || inferred.type;
      let trace: Trace | null = null;
      let via: string | undefined;
      if (!inferred.reference || type) {
        trace = (await this.ctx.api.query<{ trace: Trace | null }>(TRACE, { id, type: asType ?? null, maxDepth })).trace;
      }
      if (!trace) {
        // Declarations, manifests and transit documents are references on events: find the goods
        // they name among the events in scope.
        const goods = await this.goodsByReference(id);
        if (goods) {
          trace = (await this.ctx.api.query<{ trace: Trace | null }>(TRACE, { id: goods.id, type: goods.type, maxDepth })).trace;
          via = id;
        }
      }
      if (!trace) {
        this.status.textContent = t('trace.notFound');
        return;
      }
      this.status.textContent = '';
      this.last = { trace, ...(via ? { via } : {}) };
      this.render(trace, via);
    } catch (err) {
      this.status.className = 'status error';
      this.status.textContent = `${t('common.error')}: ${(err as Error).message}`;
    }
  }

  private async goodsByReference(ref: string): Promise<GoodsRef | undefined> {
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: { events: { edges: { node: CustodyEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await this.ctx.api.query(EVENTS_PAGE, { first: 500, after });
      for (const { node } of r.events.edges) {
        if ((node.references ?? []).some((x) => x.id === ref) || node.goods.some((g) => g.id === ref)) {
          const goods = [...node.goods].sort((a, b) => (a.type === 'container' ? -1 : b.type === 'container' ? 1 : 0));
          if (goods[0]) return goods[0];
        }
      }
      if (!r.events.pageInfo.hasNextPage) break;
      after = r.events.pageInfo.endCursor;
    }
    return undefined;
  }

  private render(trace: Trace, via?: string): void {
    clear(this.result);
    const byId = new Map(trace.events.map((e) => [e.id, e]));
    const anomalousEvents = new Set(trace.anomalies.flatMap((a) => a.eventIds));
    this.result.append(this.summary(trace, via), this.anomalies(trace, byId));

    // Swim lanes.
    const lanesCard = h('section', { class: 'card', 'aria-labelledby': 'lanes-h' }, h('h3', { id: 'lanes-h' }, t('trace.lanes')));
    lanesCard.append(this.legend());
    const scroller = h('div', { class: 'scroll' });
    scroller.append(this.swimlanes(trace, byId));
    lanesCard.append(scroller);
    this.result.append(lanesCard);

    if (trace.crossings.length > 0) this.result.append(this.crossingsTable(trace));

    // Goods graph.
    if (trace.goods.length > 1 || trace.links.length > 0) {
      const g = h('section', { class: 'card', 'aria-labelledby': 'graph-h' }, h('h3', { id: 'graph-h' }, t('trace.graph')));
      const sc = h('div', { class: 'scroll' });
      sc.append(this.goodsGraph(trace));
      g.append(sc);
      this.result.append(g);
    }

    // Events.
    const list = h(
      'section',
      { class: 'card', 'aria-labelledby': 'events-h' },
      h('h3', { id: 'events-h' }, `${t('trace.eventList')} (${trace.events.length})`),
    );
    const ol = h('ol', { class: 'event-list', id: 'event-list' });
    for (const e of trace.events) ol.append(h('li', {}, this.eventDetails(e, anomalousEvents.has(e.id))));
    list.append(ol);
    this.result.append(list);
  }

  private summary(trace: Trace, via: string | undefined): HTMLElement {
    const summary = h(
      'div',
      { class: 'summary', id: 'trace-summary' },
      h('h2', {}, `${goodsTypeLabel(trace.root.type)} `, h('span', { class: 'mono', id: 'trace-root' }, trace.root.id)),
      via ? h('p', { class: 'note' }, `${t('trace.resolvedVia')}: `, h('span', { class: 'mono' }, via)) : null,
      h(
        'p',
        {},
        h('strong', {}, `${t('trace.districts')}: `),
        ...trace.districts.map((d) => h('span', { class: 'chip district-chip', 'data-district': d }, `${d} ${this.ctx.districtName(d)}`)),
      ),
      h(
        'p',
        {},
        `${t('trace.events')}: ${trace.events.length} · ${t('trace.anomalies')}: `,
        h('span', { id: 'anomaly-count', class: trace.anomalies.length ? 'bad' : 'good' }, String(trace.anomalies.length)),
      ),
      trace.hiddenGoods > 0 ? h('p', { class: 'note' }, `${trace.hiddenGoods} ${t('trace.hidden')}`) : null,
    );
    return summary;
  }

  private anomalies(trace: Trace, byId: Map<string, CustodyEvent>): HTMLElement {
    const anomalies = h(
      'section',
      { class: 'card anomalies', 'aria-labelledby': 'anomalies-h' },
      h('h3', { id: 'anomalies-h' }, t('trace.anomalies')),
    );
    if (trace.anomalies.length === 0) anomalies.append(h('p', {}, t('trace.noAnomalies')));
    else {
      const ul = h('ul', { class: 'anomaly-list' });
      for (const a of trace.anomalies) {
        ul.append(
          h(
            'li',
            { class: `anomaly sev-${a.severity.toLowerCase()}`, 'data-anomaly-type': a.type },
            h('span', { class: 'badge' }, severityLabel(a.severity)),
            ' ',
            h('strong', {}, anomalyLabel(a.type)),
            ' · ',
            h('span', { class: 'mono' }, a.goods.id),
            ' · ',
            `${a.district} ${this.ctx.districtName(a.district)} · ${fmtTime(a.time)}`,
            h('div', { class: 'msg' }, a.message),
            h(
              'div',
              {},
              ...a.eventIds.flatMap((id) => {
                const e = byId.get(id);
                return e
                  ? [
                      h(
                        'button',
                        { type: 'button', class: 'link', onclick: (() => this.openEvent(id)) as EventListener },
                        `${kindLabel(e.kind)} ${id}`,
                      ),
                    ]
                  : [];
              }),
            ),
          ),
        );
      }
      anomalies.append(ul);
    }
    return anomalies;
  }

  private crossingsTable(trace: Trace): HTMLElement {
    const tbl = h(
      'table',
      { class: 'crossings', id: 'crossings' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['field.goods', 'dash.from', 'dash.to', 'dash.due', 'dash.status', 'field.seals'].map((k) =>
            h('th', { scope: 'col' }, t(k as 'field.goods')),
          ),
        ),
      ),
    );
    const tb = h('tbody');
    for (const c of trace.crossings) {
      tb.append(
        h(
          'tr',
          { 'data-verdict': c.verdict },
          h('td', { class: 'mono' }, c.goods.id),
          h('td', {}, c.fromDistrict ?? '—'),
          h('td', {}, c.toDistrict ?? '—'),
          h('td', {}, fmtTime(c.dueBy)),
          h(
            'td',
            {},
            h('span', { class: 'verdict', style: `--v:${VERDICT_COLOUR[c.verdict]}` }, verdictLabel(c.verdict)),
            ...c.issues
              .filter((i) => i !== c.verdict)
              .map((i) => h('span', { class: 'verdict', style: `--v:${VERDICT_COLOUR[i]}` }, verdictLabel(i))),
          ),
          h('td', { class: 'mono' }, `${(c.sealsOut ?? []).join(', ') || '—'} → ${(c.sealsIn ?? []).join(', ') || '—'}`),
        ),
      );
    }
    tbl.append(tb);
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'cross-h' },
      h('h3', { id: 'cross-h' }, t('trace.crossings')),
      h('div', { class: 'scroll' }, tbl),
    );
  }

  private legend(): HTMLElement {
    const verdicts = ['MATCHED', 'SEAL_MISMATCH', 'WEIGHT_DEVIATION', 'OVERDUE', 'IN_TRANSIT', 'TAKEOVER_WITHOUT_HANDOFF'] as const;
    return h(
      'div',
      { class: 'legend', 'aria-hidden': 'true' },
      h('span', {}, h('i', { class: 'lg-seg' }), t('legend.segment')),
      h('span', {}, h('i', { class: 'lg-dot' }), t('legend.event')),
      h('span', {}, h('i', { class: 'lg-dot lg-anom' }), t('legend.anomaly')),
      ...verdicts.map((v) => h('span', {}, h('i', { class: 'lg-line', style: `--v:${VERDICT_COLOUR[v]}` }), verdictLabel(v))),
    );
  }

  private swimlanes(trace: Trace, byId: Map<string, CustodyEvent>): SVGElement {
    const width = Math.max(900, Math.min(1600, this.result.clientWidth || 1100));
    const L = swimlaneLayout(trace, { width, now: Date.now() });
    const svg = s('svg', {
      id: 'swimlanes',
      class: 'swimlanes',
      width: L.width,
      height: L.height,
      viewBox: `0 0 ${L.width} ${L.height}`,
      role: 'group',
      'aria-label': t('trace.lanes'),
    });
    const defs = s('defs');
    for (const [v, c] of Object.entries(VERDICT_COLOUR)) {
      defs.append(
        s(
          'marker',
          { id: `arrow-${v}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
          s('path', { d: 'M0,0 L10,5 L0,10 z', fill: c }),
        ),
      );
    }
    svg.append(defs);
    // Axis.
    for (const tk of L.ticks) {
      svg.append(s('line', { x1: tk.x, x2: tk.x, y1: L.top - 6, y2: L.height - 8, class: 'grid' }));
      svg.append(s('text', { x: tk.x, y: L.top - 10, class: 'tick', 'text-anchor': 'middle' }, tk.label));
    }
    svg.append(...this.laneGroups(L), ...segmentGroups(L), ...crossingGroups(L), ...this.eventGroups(L, byId));
    return svg;
  }

  private laneGroups(L: SwimlaneLayout): SVGElement[] {
    const out: SVGElement[] = [];
    L.lanes.forEach((lane, i) => {
      const g = s('g', { class: 'lane', 'data-district': lane.district });
      g.append(s('rect', { x: 0, y: lane.y, width: L.width, height: lane.height, class: i % 2 ? 'lane-bg alt' : 'lane-bg' }));
      g.append(s('text', { x: 8, y: lane.y + 18, class: 'lane-title' }, lane.district));
      g.append(s('text', { x: 8, y: lane.y + 34, class: 'lane-sub' }, truncate(this.ctx.districtName(lane.district), 14)));
      for (const row of lane.rows)
        g.append(
          s(
            'text',
            { x: L.left - 8, y: row.y + 4, class: 'row-label', 'text-anchor': 'end' },
            s('title', {}, `${row.goods.type} ${row.goods.id}`),
            truncate(row.goods.id, 17),
          ),
        );
      out.push(g);
    });
    return out;
  }

  private eventGroups(L: SwimlaneLayout, byId: Map<string, CustodyEvent>): SVGElement[] {
    const out: SVGElement[] = [];
    for (const ev of L.events) {
      const e = byId.get(ev.id);
      if (!e) continue;
      const label = `${kindLabel(ev.kind)} · ${ev.district} · ${fmtTime(e.eventTime)} · ${e.goods.map((g) => g.id).join(', ')}`;
      const g = s('g', {
        class: `event${ev.anomaly ? ' anomalous' : ''}`,
        tabindex: 0,
        role: 'button',
        'aria-label': label,
        'data-event-id': ev.id,
        'data-kind': ev.kind,
      });
      g.append(s('title', {}, label));
      for (const y2 of ev.also) {
        g.append(s('line', { x1: ev.x, x2: ev.x, y1: ev.y, y2, class: 'also-line' }));
        g.append(s('circle', { cx: ev.x, cy: y2, r: 4.5, class: 'also' }));
      }
      if (ev.anomaly) g.append(s('circle', { cx: ev.x, cy: ev.y, r: 10, class: 'halo' }));
      g.append(s('circle', { cx: ev.x, cy: ev.y, r: 5.5, class: 'dot' }));
      const open = () => this.openEvent(ev.id);
      g.addEventListener('click', open);
      g.addEventListener('keydown', (k: Event) => {
        const ke = k as KeyboardEvent;
        if (ke.key === 'Enter' || ke.key === ' ') {
          ke.preventDefault();
          open();
        }
      });
      out.push(g);
    }
    return out;
  }

  private goodsGraph(trace: Trace): SVGElement {
    const G = goodsGraphLayout(trace);
    const svg = s('svg', {
      id: 'goods-graph',
      class: 'goods-graph',
      width: G.width,
      height: G.height,
      viewBox: `0 0 ${G.width} ${G.height}`,
      role: 'group',
      'aria-label': t('trace.graph'),
    });
    svg.append(
      s(
        'defs',
        {},
        s(
          'marker',
          { id: 'garrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
          s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'garrow' }),
        ),
      ),
    );
    for (const e of G.edges)
      svg.append(
        s(
          'g',
          { class: `gedge ${e.kind.toLowerCase()}` },
          s('title', {}, `${e.kind} · ${e.eventId}`),
          s('path', { d: e.d, 'marker-end': 'url(#garrow)' }),
        ),
      );
    const rootKey = goodsKey(trace.root);
    for (const n of G.nodes) {
      const label = `${goodsTypeLabel(n.goods.type)} ${n.goods.id}`;
      const g = s('g', {
        class: `gnode ${n.relation.toLowerCase()}${n.key === rootKey ? ' root' : ''}`,
        tabindex: 0,
        role: 'link',
        'aria-label': `${t('trace.go')}: ${label}`,
        'data-goods': n.key,
      });
      g.append(s('title', {}, label));
      g.append(s('rect', { x: n.x, y: n.y, width: NODE_W, height: NODE_H, rx: 6 }));
      g.append(s('text', { x: n.x + 8, y: n.y + 17, class: 'gtype' }, goodsTypeLabel(n.goods.type)));
      g.append(s('text', { x: n.x + 8, y: n.y + 34, class: 'gid' }, truncate(n.goods.id, 24)));
      const go = () => this.ctx.navigate(`#/trace/${encodeURIComponent(n.goods.id)}?type=${encodeURIComponent(n.goods.type)}`);
      g.addEventListener('click', go);
      g.addEventListener('keydown', (k: Event) => {
        const ke = k as KeyboardEvent;
        if (ke.key === 'Enter') {
          ke.preventDefault();
          go();
        }
      });
      svg.append(g);
    }
    return svg;
  }

  private openEvent(id: string): void {
    const d = this.result.querySelector<HTMLDetailsElement>(`details[data-event-id="${CSS.escape(id)}"]`);
    if (!d) return;
    d.open = true;
    d.scrollIntoView({ block: 'center' });
    d.querySelector('summary')?.focus();
  }

  private eventDetails(e: CustodyEvent, anomalous: boolean): HTMLDetailsElement {
    const rows = EVENT_FIELDS.map(([key, value]): [string, string | null] => [key, value(e, (d) => this.ctx.districtName(d))]);
    const dl = h('dl', { class: 'fields' });
    for (const [k, v] of rows) if (v !== null) dl.append(h('dt', {}, t(k as 'field.kind')), h('dd', {}, v));
    const raw = h('details', { class: 'raw' }, h('summary', {}, t('field.raw')), h('pre', {}, JSON.stringify(e.raw, null, 2)));
    const d = h(
      'details',
      { class: `event-item${anomalous ? ' anomalous' : ''}`, 'data-event-id': e.id, id: `ev-${e.id}` },
      h(
        'summary',
        {},
        h('span', { class: 'time' }, fmtTime(e.eventTime)),
        ' ',
        h('span', { class: 'kind' }, kindLabel(e.kind)),
        ' ',
        h('span', { class: 'chip' }, e.district),
        ' ',
        h('span', { class: 'mono' }, e.goods.map((g) => g.id).join(', ')),
        anomalous ? h('span', { class: 'badge bad' }, t('legend.anomaly')) : null,
      ),
      h('div', { class: 'event-body' }, dl, this.proof(e), raw),
    );
    return d;
  }

  private proof(e: CustodyEvent): HTMLElement {
    const box = h('section', { class: 'proof', 'aria-label': t('proof.title') }, h('h4', {}, t('proof.title')));
    const p = e.proof;
    if (!p) {
      box.append(h('p', {}, t('proof.none')));
      return box;
    }
    box.append(
      h(
        'dl',
        { class: 'fields' },
        h('dt', {}, t('proof.channel')),
        h('dd', { class: 'mono' }, p.channel),
        h('dt', {}, t('proof.block')),
        h('dd', { class: 'mono proof-block' }, String(p.blockNumber)),
        h('dt', {}, t('proof.tx')),
        h('dd', { class: 'mono proof-tx' }, p.txId),
        p.txIndex !== null && p.txIndex !== undefined ? h('dt', {}, t('proof.txIndex')) : null,
        p.txIndex !== null && p.txIndex !== undefined ? h('dd', { class: 'mono' }, String(p.txIndex)) : null,
        h('dt', {}, t('proof.hash')),
        h('dd', { class: 'mono proof-hash' }, p.blockHash),
        p.validationCode ? h('dt', {}, t('proof.validation')) : null,
        p.validationCode ? h('dd', { class: 'mono' }, p.validationCode) : null,
      ),
    );
    const out = h('div', { class: 'verify-result', role: 'status', 'aria-live': 'polite' });
    const btn = h('button', { type: 'button', class: 'verify' }, t('proof.verify'));
    btn.addEventListener('click', () => void this.verifyProof(p, btn, out));
    box.append(btn, out);
    return box;
  }

  /** Asks the gateway to verify the proof's channel and says whether the event's block is in the
   * verified chain. */
  private async verifyProof(p: LedgerProof, btn: HTMLButtonElement, out: HTMLElement): Promise<void> {
    btn.disabled = true;
    out.className = 'verify-result';
    out.textContent = t('proof.verifying');
    try {
      const r = (await this.ctx.api.query<{ verify: ChainVerification }>(VERIFY, { channel: p.channel })).verify;
      const verdict = proofVerdict(p, r);
      out.className = `verify-result ${verdict.ok ? 'ok' : 'bad'}`;
      out.textContent = verdict.text;
    } catch (err) {
      out.className = 'verify-result bad';
      out.textContent = `${t('common.error')}: ${err instanceof ApiError && err.code ? `${err.code}: ` : ''}${(err as Error).message}`;
    } finally {
      btn.disabled = false;
    }
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s;
}

type Party = { org?: string | null; enterpriseCode?: string | null } | null | undefined;
const party = (p: Party) => (p ? `${p.org ?? ''}${p.enterpriseCode ? ` (${p.enterpriseCode})` : ''}` : '—');
const joined = <T>(xs: T[] | null | undefined, show: (x: T) => string) => (xs?.length ? xs.map(show).join(', ') : null);
const amount = (m: { value: number; unit: string } | null | undefined) => (m ? `${m.value} ${m.unit}` : null);

/** The rows of an event's details, in display order; a null value is left out. */
const EVENT_FIELDS: Array<[string, (e: CustodyEvent, districtName: (code: string) => string) => string | null]> = [
  ['field.kind', (e) => `${e.kind} · ${kindLabel(e.kind)}`],
  ['field.eventTime', (e) => fmtTime(e.eventTime)],
  ['field.recordedTime', (e) => (e.recordedTime ? fmtTime(e.recordedTime) : null)],
  ['field.district', (e, districtName) => `${e.district} ${districtName(e.district)}`],
  ['field.site', (e) => e.site ?? null],
  ['field.readPoint', (e) => e.readPoint ?? null],
  ['field.goods', (e) => e.goods.map((g) => `${goodsTypeLabel(g.type)} ${g.id}`).join(', ')],
  ['field.actor', (e) => (e.actor ? party(e.actor) : null)],
  ['field.custody', (e) => (e.custody ? `${party(e.custody.from)} → ${party(e.custody.to)}` : null)],
  ['field.seals', (e) => joined(e.seals, (x) => x)],
  ['field.weight', (e) => amount(e.weight)],
  ['field.quantity', (e) => amount(e.quantity)],
  ['field.disposition', (e) => e.disposition ?? null],
  ['field.supervisionStatus', (e) => e.supervisionStatus ?? null],
  ['field.result', (e) => e.result ?? null],
  ['field.references', (e) => joined(e.references, (r) => `${r.type} ${r.id}`)],
  ['field.transit', (e) => (e.transit ? `→ ${e.transit.destinationDistrict ?? '?'} · ${t('dash.due')} ${fmtTime(e.transit.dueBy)}` : null)],
  ['field.recordedBy', (e) => (e.recordedBy ? Object.values(e.recordedBy).join(' · ') : null)],
];

/** What a chain verification says about one proof: the chain checks out up to and including its block. */
function proofVerdict(p: LedgerProof, r: ChainVerification): { ok: boolean; text: string } {
  const inChain =
    p.blockNumber < r.height && (r.firstBadBlock === null || r.firstBadBlock === undefined || p.blockNumber < r.firstBadBlock);
  if (r.ok && inChain) return { ok: true, text: `✔ ${t('proof.verified', { height: r.height - 1 })}` };
  const why = r.ok
    ? t('proof.beyond', { block: p.blockNumber, height: r.height - 1 })
    : `${r.reason ?? ''} (block ${r.firstBadBlock ?? '?'}, tx ${r.firstBadTxId ?? '?'})`;
  return { ok: false, text: `✘ ${t('proof.failed')}: ${why}` };
}

/** Custody segments of the swim-lane timeline. */
function segmentGroups(L: SwimlaneLayout): SVGElement[] {
  const out: SVGElement[] = [];
  for (const seg of L.segments) {
    const g = s(
      'g',
      { class: `segment${seg.open ? ' open' : ''}`, 'data-goods': seg.goods },
      s('title', {}, `${seg.label} · ${seg.goods}`),
      s('rect', { x: seg.x, y: seg.y, width: seg.width, height: seg.height, rx: 4 }),
    );
    if (seg.width > 60)
      g.append(s('text', { x: seg.x + 5, y: seg.y + 13, class: 'seg-label' }, truncate(shortOrg(seg.label), Math.floor(seg.width / 7))));
    out.push(g);
  }
  return out;
}

/** Border crossings of the swim-lane timeline, coloured by verdict. */
function crossingGroups(L: SwimlaneLayout): SVGElement[] {
  const out: SVGElement[] = [];
  for (const c of L.crossings) {
    const colour = VERDICT_COLOUR[c.verdict];
    const g = s(
      'g',
      { class: 'crossing', 'data-verdict': c.verdict, 'data-goods': c.goods },
      s('title', {}, `${verdictLabel(c.verdict)} · ${c.goods} · ${c.from} → ${c.to}`),
      s('path', {
        d: c.d,
        stroke: colour,
        fill: 'none',
        'stroke-width': c.verdict === 'MATCHED' ? 2.5 : 3.5,
        'stroke-dasharray': c.dashed ? '6 4' : null,
        'marker-end': `url(#arrow-${c.verdict})`,
      }),
    );
    if (c.verdict !== 'MATCHED')
      g.append(s('text', { x: c.x2 + 6, y: c.y2 - 8, class: 'crossing-label', fill: colour }, verdictLabel(c.verdict)));
    out.push(g);
  }
  return out;
}
