/** The CargoTrace page: sign-in with an API key, then the trace explorer and the dashboard. */
import { Api, ApiError } from './api.js';
import { byId, clear, h } from './dom.js';
import { applyI18n, currentLang, initLang, onLangChange, setLang, t } from './i18n.js';
import { VIEWER } from './queries.js';
import { Dashboard } from './dashboard.js';
import { TraceView, type AppContext } from './trace-view.js';
import type { District, Viewer } from '@cargotrace/model/graphql';

const KEY = 'cargotrace.apiKey';
/** The GraphQL endpoint: same origin, /graphql (the page is served at /app by the gateway). */
const ENDPOINT = new URL('/graphql', location.href).toString();

interface Session {
  ctx: AppContext;
  trace: TraceView;
  dashboard: Dashboard;
}
let session: Session | undefined;

const main = byId('main');
const nav = byId('nav');
const who = byId('who');
const langBtn = byId('lang') as HTMLButtonElement;

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function storeKey(k: string | null): void {
  try {
    if (k) sessionStorage.setItem(KEY, k);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* ignore */
  }
}

function showSignIn(message?: string): void {
  session?.dashboard.stop();
  session = undefined;
  nav.hidden = true;
  clear(who);
  clear(main);
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
    spellcheck: 'false',
  });
  const err = h('p', { class: 'status error', role: 'alert', id: 'signin-error' }, message ?? '');
  const form = h(
    'form',
    { class: 'card signin', id: 'signin' },
    h('h1', { 'data-i18n': 'signin.title' }),
    h('div', { class: 'field' }, h('label', { for: 'api-key', 'data-i18n': 'signin.key' }), input),
    h('p', { class: 'muted', 'data-i18n': 'signin.hint' }),
    h('button', { type: 'submit', class: 'primary', id: 'signin-submit', 'data-i18n': 'signin.submit' }),
    err,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void signIn(input.value.trim(), err);
  });
  main.append(form);
  applyI18n(main);
  input.focus();
}

async function signIn(key: string, err?: HTMLElement): Promise<boolean> {
  if (!key) return false;
  const api = new Api(ENDPOINT, key);
  try {
    const r = await api.query<{ viewer: Viewer; districts: District[] }>(VIEWER);
    storeKey(key);
    start(api, r.viewer, r.districts);
    return true;
  } catch (e) {
    storeKey(null);
    const msg = `${t('signin.failed')}: ${e instanceof ApiError && e.code ? `${e.code} — ` : ''}${(e as Error).message}`;
    if (err) err.textContent = msg;
    else showSignIn(msg);
    return false;
  }
}

function start(api: Api, viewer: Viewer, districts: District[]): void {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const ctx: AppContext = {
    api,
    viewer,
    districts: byCode,
    districtName: (code) => {
      const d = byCode.get(code);
      if (!d) return '';
      return currentLang() === 'zh' ? (d.nameZh ?? d.name) : d.name;
    },
    navigate: (hash) => {
      if (location.hash === hash) void route();
      else location.hash = hash;
    },
  };
  session = { ctx, trace: new TraceView(ctx), dashboard: new Dashboard(ctx) };
  nav.hidden = false;
  renderWho();
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.hash = '#/trace';
  else void route();
}

function renderWho(): void {
  clear(who);
  if (!session) return;
  const v = session.ctx.viewer;
  const scope = v.scopeDistricts?.length ? `${v.scope} ${v.scopeDistricts.join(',')}` : v.scope;
  who.append(
    h('span', { id: 'viewer-id', class: 'mono' }, v.userId),
    ' · ',
    `${v.org.replace(/MSP$/, '')} · ${v.district} ${session.ctx.districtName(v.district)} · `,
    h('span', { title: t('viewer.scope') }, `${t('viewer.scope')}: ${scope}`),
  );
}

async function route(): Promise<void> {
  if (!session) return;
  const hash = location.hash.replace(/^#/, '');
  const [path, qs = ''] = hash.split('?');
  const params = new URLSearchParams(qs);
  const parts = path.split('/').filter(Boolean);
  for (const a of nav.querySelectorAll('a')) a.removeAttribute('aria-current');
  clear(main);
  if (parts[0] === 'dashboard') {
    nav.querySelector('a[href="#/dashboard"]')?.setAttribute('aria-current', 'page');
    main.append(session.dashboard.el);
    applyI18n(session.dashboard.el);
    session.dashboard.activate();
    return;
  }
  nav.querySelector('a[href="#/trace"]')?.setAttribute('aria-current', 'page');
  main.append(session.trace.el);
  applyI18n(session.trace.el);
  if (parts[1]) {
    const depth = params.get('depth');
    await session.trace.show(decodeURIComponent(parts[1]), params.get('type') ?? undefined, depth ? Number(depth) : undefined);
  } else session.trace.focus();
}

function boot(): void {
  initLang();
  langBtn.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => {
    if (!session) return;
    renderWho();
    session.trace.relabel();
    session.dashboard.relabel();
  });
  byId('signout').addEventListener('click', () => {
    storeKey(null);
    location.hash = '';
    showSignIn();
  });
  window.addEventListener('hashchange', () => void route());
  const key = storedKey();
  if (key) void signIn(key);
  else showSignIn();
}

boot();
