/** Supervision dashboard for the caller's scope: live feed (SSE), clearance time p50/p90 per day,
 * events by kind, open and overdue transits, gate denials (from the gateway's gate-decision log). */
import { clear, fmtTime, h, s, shortOrg } from './dom.js';
import { anomalyLabel, kindLabel, severityLabel, t, verdictLabel } from './i18n.js';
import { VERDICT_COLOUR } from './layout.js';
import { EVENTS_PAGE, GATE_CHECK, GATE_DECISIONS, SUB_ANOMALIES, SUB_EVENTS, TRACE_CROSSINGS } from './queries.js';
import { clearanceByDay, countsByKind, formatDuration, openTransits, type EventLike, type OpenTransit } from './stats.js';
import type { ApiError } from './api.js';
import type { AppContext } from './trace-view.js';
import type { Anomaly, Crossing, CustodyEvent, GateCheck, GateDecision } from '@cargotrace/model/graphql';

const MAX_EVENTS = 5000;
const MAX_FEED = 100;
const MAX_TRANSIT_CHECKS = 40;
const MAX_GATE_DENIALS = 50;

interface FeedItem {
  kind: 'event' | 'anomaly';
  id: string;
  at: number;
  event?: CustodyEvent;
  anomaly?: Anomaly;
}

export class Dashboard {
  readonly el = h('section', { class: 'view dashboard', 'aria-labelledby': 'dash-heading' });
  private readonly days = h('select', { id: 'dash-days' });
  private readonly status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly liveState = h('span', { class: 'live-state closed', id: 'live-state' });
  private readonly feed = h('ol', { class: 'feed', id: 'live-feed', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  private readonly clearancePanel = h('div', { id: 'clearance' });
  private readonly kindsPanel = h('div', { id: 'kinds' });
  private readonly transitsPanel = h('div', { id: 'transits' });
  private readonly gatePanel = h('div', { id: 'gate' });
  private readonly gateDenialsPanel = h('div', { id: 'gate-denials' });
  private events: EventLike[] = [];
  private truncated = false;
  private transits: (OpenTransit & { verdict?: string })[] = [];
  private feedItems: FeedItem[] = [];
  private gateDenials: GateDecision[] = [];
  private unsubscribe: (() => void)[] = [];
  private loaded = false;

  constructor(private readonly ctx: AppContext) {
    for (const d of [1, 7, 30, 90]) this.days.append(h('option', { value: String(d), ...(d === 7 ? { selected: true } : {}) }, String(d)));
    this.days.addEventListener('change', () => void this.load());
    const controls = h(
      'div',
      { class: 'controls' },
      h('label', { for: 'dash-days' }, h('span', { 'data-i18n': 'dash.window' }), ' '),
      this.days,
      ' ',
      h('span', { 'data-i18n': 'dash.days' }),
      ' ',
      h('button', { type: 'button', id: 'dash-refresh', onclick: (() => void this.load()) as EventListener, 'data-i18n': 'dash.refresh' }),
    );
    this.el.append(
      h('h1', { id: 'dash-heading', 'data-i18n': 'dash.title' }),
      controls,
      this.status,
      h(
        'div',
        { class: 'grid' },
        h(
          'section',
          { class: 'card feed-card', 'aria-labelledby': 'live-h' },
          h('h2', { id: 'live-h' }, h('span', { 'data-i18n': 'dash.live' }), ' ', this.liveState),
          this.feed,
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'clear-h' },
          h('h2', { id: 'clear-h', 'data-i18n': 'dash.clearance' }),
          this.clearancePanel,
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'kinds-h' },
          h('h2', { id: 'kinds-h', 'data-i18n': 'dash.kinds' }),
          this.kindsPanel,
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'transit-h' },
          h('h2', { id: 'transit-h', 'data-i18n': 'dash.transits' }),
          this.transitsPanel,
        ),
        h('section', { class: 'card', 'aria-labelledby': 'gate-h' }, h('h2', { id: 'gate-h', 'data-i18n': 'dash.gate' }), this.gatePanel),
      ),
    );
  }

  /** Called when the view is shown. Loads once, keeps the live subscriptions open. */
  activate(): void {
    if (!this.loaded) {
      this.loaded = true;
      void this.load();
    }
    if (this.unsubscribe.length === 0) this.subscribe();
  }

  stop(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
  }

  relabel(): void {
    this.renderLiveState(this.liveState.dataset.state ?? 'closed');
    this.renderFeed();
    this.renderPanels();
  }

  private subscribe(): void {
    const state = (st: string) => this.renderLiveState(st);
    this.unsubscribe.push(
      this.ctx.api.subscribe<{ events: CustodyEvent }>(
        SUB_EVENTS,
        {},
        {
          onData: (d) => this.onLiveEvent(d.events),
          onState: state,
          onError: (e) => console.warn('[live events]', e.message),
        },
      ),
    );
    this.unsubscribe.push(
      this.ctx.api.subscribe<{ anomalies: Anomaly }>(
        SUB_ANOMALIES,
        {},
        {
          onData: (d) => this.pushFeed({ kind: 'anomaly', id: d.anomalies.id, at: Date.now(), anomaly: d.anomalies }),
          onError: (e) => console.warn('[live anomalies]', e.message),
        },
      ),
    );
  }

  private renderLiveState(st: string): void {
    this.liveState.dataset.state = st;
    this.liveState.className = `live-state ${st}`;
    this.liveState.textContent =
      st === 'open' ? `● ${t('dash.liveOpen')}` : st === 'retrying' ? `● ${t('dash.liveRetrying')}` : `○ ${t('dash.liveClosed')}`;
  }

  private onLiveEvent(e: CustodyEvent): void {
    this.pushFeed({ kind: 'event', id: e.id, at: Date.now(), event: e });
    if (!this.events.some((x) => x.id === e.id)) {
      this.events.push(e);
      this.renderPanels();
    }
  }

  private pushFeed(item: FeedItem): void {
    if (this.feedItems.some((f) => f.kind === item.kind && f.id === item.id)) return;
    this.feedItems.unshift(item);
    this.feedItems.length = Math.min(this.feedItems.length, MAX_FEED);
    this.renderFeed();
  }

  private renderFeed(): void {
    clear(this.feed);
    if (this.feedItems.length === 0) {
      this.feed.append(h('li', { class: 'empty' }, t('dash.liveEmpty')));
      return;
    }
    for (const f of this.feedItems) {
      if (f.event) {
        const e = f.event;
        this.feed.append(
          h(
            'li',
            { class: `feed-event${f.at > 0 ? ' live' : ''}`, 'data-event-id': e.id },
            h('span', { class: 'time' }, fmtTime(e.eventTime)),
            ' ',
            h('strong', {}, kindLabel(e.kind)),
            ' ',
            h('span', { class: 'chip' }, e.district),
            ' ',
            ...e.goods.map((g) =>
              h('a', { href: `#/trace/${encodeURIComponent(g.id)}?type=${encodeURIComponent(g.type)}`, class: 'mono' }, g.id),
            ),
            e.actor?.org ? h('span', { class: 'muted' }, ` · ${shortOrg(e.actor.org)}`) : null,
            h('span', { class: 'muted mono' }, ` · ${e.id}`),
          ),
        );
      } else if (f.anomaly) {
        const a = f.anomaly;
        this.feed.append(
          h(
            'li',
            { class: `feed-anomaly sev-${a.severity.toLowerCase()}`, 'data-anomaly-type': a.type },
            h('span', { class: 'badge' }, severityLabel(a.severity)),
            ' ',
            h('strong', {}, anomalyLabel(a.type)),
            ' ',
            h('span', { class: 'chip' }, a.district),
            ' ',
            h(
              'a',
              { href: `#/trace/${encodeURIComponent(a.goods.id)}?type=${encodeURIComponent(a.goods.type)}`, class: 'mono' },
              a.goods.id,
            ),
            h('div', { class: 'msg' }, a.message),
          ),
        );
      }
    }
  }

  async load(): Promise<void> {
    this.status.className = 'status';
    this.status.textContent = t('common.loading');
    const days = Number(this.days.value);
    const from = new Date(Date.now() - days * 86400_000).toISOString();
    void this.loadGateDenials(from);
    try {
      const events: EventLike[] = [];
      let after: string | null = null;
      this.truncated = false;
      for (;;) {
        const r: { events: { edges: { node: CustodyEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
          await this.ctx.api.query(EVENTS_PAGE, { filter: { from }, first: 500, after });
        for (const { node } of r.events.edges) events.push(node);
        if (!r.events.pageInfo.hasNextPage) break;
        if (events.length >= MAX_EVENTS) {
          this.truncated = true;
          break;
        }
        after = r.events.pageInfo.endCursor;
      }
      // Keep live events that arrived meanwhile.
      const ids = new Set(events.map((e) => e.id));
      for (const e of this.events) if (!ids.has(e.id) && Date.parse(e.eventTime) >= Date.parse(from)) events.push(e);
      this.events = events;
      if (this.feedItems.length === 0) {
        // Start the feed with the latest events already recorded; live ones go on top.
        const recent = [...events]
          .sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime))
          .slice(0, 15)
          .reverse();
        for (const e of recent) this.pushFeed({ kind: 'event', id: e.id, at: 0, event: e as CustodyEvent });
      }
      this.transits = openTransits(events, Date.now());
      this.status.textContent = '';
      this.renderPanels();
      await this.confirmTransits();
    } catch (err) {
      this.status.className = 'status error';
      this.status.textContent = `${t('common.error')}: ${(err as Error).message}`;
    }
  }

  /** Denials in the caller's scope from the gateway's gate-decision log, within the window. */
  private async loadGateDenials(from: string): Promise<void> {
    try {
      const r = await this.ctx.api.query<{ gateDecisions: GateDecision[] }>(GATE_DECISIONS, {
        decision: 'DENY',
        from,
        first: MAX_GATE_DENIALS,
      });
      this.gateDenials = r.gateDecisions;
    } catch (err) {
      // Partner customs may not read gate decisions; anything else goes to the console.
      if ((err as ApiError).code !== 'FORBIDDEN') console.warn('[gate decisions]', (err as Error).message);
      this.gateDenials = [];
    }
    this.renderGateDenials();
  }

  /** The take-over may lie outside the caller's listing: ask the gateway's crossings. */
  private async confirmTransits(): Promise<void> {
    const goods = [...new Map(this.transits.map((x) => [`${x.goods.type}:${x.goods.id}`, x.goods])).values()].slice(0, MAX_TRANSIT_CHECKS);
    const results = await Promise.all(
      goods.map(async (g) => {
        try {
          const r = await this.ctx.api.query<{ trace: { crossings: Crossing[] } | null }>(TRACE_CROSSINGS, { id: g.id, type: g.type });
          return r.trace?.crossings ?? null;
        } catch {
          return null;
        }
      }),
    );
    const byHandOff = new Map<string, Crossing>();
    for (const cs of results) for (const c of cs ?? []) if (c.handOff) byHandOff.set(c.handOff.id, c);
    this.transits = this.transits
      .map((x) => {
        const c = byHandOff.get(x.handOffEventId);
        return c ? { ...x, verdict: c.verdict } : x;
      })
      .filter((x) => !x.verdict || x.verdict === 'OVERDUE' || x.verdict === 'IN_TRANSIT')
      .map((x) => (x.verdict === 'OVERDUE' || x.verdict === 'IN_TRANSIT' ? { ...x, status: x.verdict } : x));
    this.renderPanels();
  }

  private renderPanels(): void {
    this.renderClearance();
    this.renderKinds();
    this.renderTransits();
    this.renderGate();
  }

  private renderClearance(): void {
    clear(this.clearancePanel);
    const rows = clearanceByDay(this.events);
    if (rows.length === 0) {
      this.clearancePanel.append(h('p', {}, t('dash.noClearance')));
      return;
    }
    const svg = clearanceBars(rows);
    const tbl = h(
      'table',
      { class: 'clearance-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('dash.day')),
          h('th', { scope: 'col' }, t('dash.count')),
          h('th', { scope: 'col' }, t('dash.p50')),
          h('th', { scope: 'col' }, t('dash.p90')),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-day': r.day },
            h('td', {}, r.day),
            h('td', { class: 'num' }, String(r.count)),
            h('td', { class: 'num' }, formatDuration(r.p50Ms)),
            h('td', { class: 'num' }, formatDuration(r.p90Ms)),
          ),
        ),
      ),
    );
    const legend = h(
      'div',
      { class: 'legend', 'aria-hidden': 'true' },
      h('span', {}, h('i', { class: 'lg-p50' }), t('dash.p50')),
      h('span', {}, h('i', { class: 'lg-p90' }), t('dash.p90')),
    );
    this.clearancePanel.append(legend, svg, tbl);
  }

  private renderKinds(): void {
    clear(this.kindsPanel);
    const counts = countsByKind(this.events);
    this.kindsPanel.append(
      h(
        'p',
        {},
        h('strong', { id: 'total-events' }, String(this.events.length)),
        ` ${t('dash.totalEvents')}`,
        this.truncated ? h('span', { class: 'note' }, ` (${t('dash.truncated', { n: MAX_EVENTS })})`) : null,
      ),
    );
    const max = Math.max(1, ...counts.map((c) => c.count));
    const ul = h('ul', { class: 'kind-bars' });
    for (const c of counts) {
      ul.append(
        h(
          'li',
          { 'data-kind': c.kind },
          h('span', { class: 'kind-name' }, kindLabel(c.kind)),
          h('span', { class: 'kind-bar', style: `--w:${(100 * c.count) / max}%`, 'aria-hidden': 'true' }),
          h('span', { class: 'num kind-count' }, String(c.count)),
        ),
      );
    }
    this.kindsPanel.append(ul);
  }

  private renderTransits(): void {
    clear(this.transitsPanel);
    if (this.transits.length === 0) {
      this.transitsPanel.append(h('p', {}, t('dash.noTransits')));
      return;
    }
    const sorted = [...this.transits].sort((a, b) => (a.status === b.status ? 0 : a.status === 'OVERDUE' ? -1 : 1));
    this.transitsPanel.append(
      h(
        'table',
        { class: 'transits' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(['field.goods', 'dash.from', 'dash.to', 'dash.due', 'dash.status'] as const).map((k) => h('th', { scope: 'col' }, t(k))),
          ),
        ),
        h(
          'tbody',
          {},
          ...sorted.map((x) =>
            h(
              'tr',
              { 'data-status': x.status },
              h(
                'td',
                {},
                h(
                  'a',
                  { href: `#/trace/${encodeURIComponent(x.goods.id)}?type=${encodeURIComponent(x.goods.type)}`, class: 'mono' },
                  x.goods.id,
                ),
              ),
              h('td', {}, x.fromDistrict),
              h('td', {}, x.toDistrict),
              h('td', {}, fmtTime(x.dueBy)),
              h('td', {}, h('span', { class: 'verdict', style: `--v:${VERDICT_COLOUR[x.status]}` }, verdictLabel(x.status))),
            ),
          ),
        ),
      ),
    );
  }

  private renderGateDenials(): void {
    clear(this.gateDenialsPanel);
    if (this.gateDenials.length === 0) {
      this.gateDenialsPanel.append(h('p', { class: 'muted' }, t('dash.gateNone')));
      return;
    }
    const ul = h('ul', { class: 'gate-denials' });
    for (const g of this.gateDenials)
      ul.append(
        h(
          'li',
          { 'data-decision-id': g.id },
          h('span', { class: 'time' }, fmtTime(g.checkedAt)),
          ' ',
          h('span', { class: 'badge bad' }, 'DENY'),
          ' ',
          h('span', { class: 'mono' }, g.containerNo),
          ` · ${g.gateId} · ${g.direction} · `,
          g.reasons
            .filter((r) => !r.ok)
            .map((r) => r.message)
            .join('; '),
          h('span', { class: 'muted' }, ` · ${g.checkedBy.userId}`),
        ),
      );
    this.gateDenialsPanel.append(ul);
  }

  /** The sites of the gate events loaded, for the gate field's suggestions. */
  private gateSites(): string[] {
    return [
      ...new Set(
        this.events
          .filter((e) => e.kind === 'GATE_IN' || e.kind === 'GATE_OUT')
          .map((e) => (e as EventLike & { site?: string | null }).site)
          .filter((x): x is string => !!x),
      ),
    ].sort();
  }

  private renderGate(): void {
    clear(this.gatePanel);
    this.renderGateDenials();
    this.gatePanel.append(this.gateDenialsPanel);
    const canCheck = ['gacc', 'customs', 'warehouse'].includes(this.ctx.viewer.orgKind);
    if (!canCheck) return;
    const sites = this.gateSites();
    const container = h('input', { id: 'gate-container', required: true, pattern: '[A-Z]{4}[0-9]{7}', autocomplete: 'off' });
    const gate = h('input', { id: 'gate-id', required: true, list: 'gate-sites', autocomplete: 'off', value: sites[0] ?? '' });
    const gateList = h('datalist', { id: 'gate-sites' }, ...sites.map((x) => h('option', { value: x })));
    const dir = h('select', { id: 'gate-direction' }, h('option', { value: 'OUT' }, 'OUT'), h('option', { value: 'IN' }, 'IN'));
    const seals = h('input', { id: 'gate-seals', autocomplete: 'off' });
    const weight = h('input', { id: 'gate-weight', type: 'number', min: '0', step: '1' });
    const out = h('div', { class: 'gate-result', role: 'status', 'aria-live': 'polite' });
    const form = h(
      'form',
      { class: 'gate-form' },
      h('h3', {}, t('dash.gateCheck')),
      h('div', { class: 'field' }, h('label', { for: 'gate-container' }, t('dash.container')), container),
      h('div', { class: 'field' }, h('label', { for: 'gate-id' }, t('dash.gateId')), gate, gateList),
      h('div', { class: 'field' }, h('label', { for: 'gate-direction' }, t('dash.direction')), dir),
      h('div', { class: 'field' }, h('label', { for: 'gate-seals' }, t('dash.sealsInput')), seals),
      h('div', { class: 'field' }, h('label', { for: 'gate-weight' }, t('dash.weightInput')), weight),
      h('button', { type: 'submit' }, t('dash.check')),
      out,
    );
    const check = async (): Promise<void> => {
      out.textContent = t('common.loading');
      try {
        const sealList = seals.value
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        const r = (
          await this.ctx.api.query<{ gateCheck: GateCheck }>(GATE_CHECK, {
            containerNo: container.value.trim().toUpperCase(),
            gateId: gate.value.trim(),
            direction: dir.value,
            seals: sealList.length ? sealList : null,
            grossWeightKg: weight.value ? Number(weight.value) : null,
          })
        ).gateCheck;
        out.className = `gate-result ${r.decision === 'ALLOW' ? 'ok' : 'bad'}`;
        out.textContent = `${r.decision}: ${r.reasons.map((x) => `${x.ok ? '✔' : '✘'} ${x.message}`).join(' · ')}`;
        // The gateway logged the check: the list shows its log.
        if (r.decision === 'DENY') await this.loadGateDenials(new Date(Date.now() - Number(this.days.value) * 86400_000).toISOString());
      } catch (err) {
        out.className = 'gate-result bad';
        out.textContent = `${t('common.error')}: ${(err as Error).message}`;
      }
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void check();
    });
    this.gatePanel.append(form);
  }
}

/** Clearance bars per day: p50 solid, p90 outline. */
function clearanceBars(rows: ReturnType<typeof clearanceByDay>): SVGElement {
  const max = Math.max(...rows.map((r) => r.p90Ms), 1);
  const W = 420,
    rowH = 26,
    left = 90;
  const svg = s('svg', {
    class: 'bars',
    width: W,
    height: rows.length * rowH + 8,
    viewBox: `0 0 ${W} ${rows.length * rowH + 8}`,
    'aria-hidden': 'true',
  });
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const w90 = ((W - left - 10) * r.p90Ms) / max;
    const w50 = ((W - left - 10) * r.p50Ms) / max;
    svg.append(s('text', { x: 0, y: y + 16, class: 'bar-label' }, r.day.slice(5)));
    svg.append(s('rect', { x: left, y: y + 3, width: Math.max(1, w90), height: 16, class: 'bar p90' }));
    svg.append(s('rect', { x: left, y: y + 3, width: Math.max(1, w50), height: 16, class: 'bar p50' }));
  });
  return svg;
}
