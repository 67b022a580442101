/** Acceptance test of the web page: Debian's Chromium (headless, through playwright-core) against
 * the real gateway on the embedded ledger with the demo data of `npm start`. Screenshots go to
 * test-artifacts/webapp/. Skipped, with a message saying how to install Chromium, when there is none. */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type RunningGateway } from '@cargotrace/gateway';
import { webappBuilt } from '@cargotrace/webapp';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureWebappBuilt, ROOT } from './support';
import { defined } from '../support/defined';

/** CHROMIUM_PATH, when set, is the only candidate (set it to a missing path to skip the test). */
const CANDIDATES = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const CHROMIUM = CANDIDATES.find((p) => fs.existsSync(p));
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'webapp');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** ISO 8601 in China Standard Time. */
/** The page's globals, for the functions run inside it (the test project has no DOM lib). */
declare const document: { querySelector(s: string): { textContent: string | null } | null; documentElement: { lang: string } };

const cst = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '')}+08:00`;

describe('webapp: in the browser (Chromium, demo data)', function () {
  this.timeout(120_000);
  let gw: RunningGateway | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let dataDir: string | undefined;
  let profileDir: string | undefined;
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  before(async function () {
    if (!CHROMIUM) {
      console.log(
        '      [webapp] Chromium not found (looked at ' +
          CANDIDATES.join(', ') +
          '); skipping the browser test.\n' +
          '      Install it with: sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
          '      or point CHROMIUM_PATH at a Chromium/Chrome binary.',
      );
      this.skip();
    }
    ensureWebappBuilt();
    expect(webappBuilt(), 'webapp/public/js was not built').to.equal(true);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cargotrace-webapp-'));
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cargotrace-chromium-'));
    gw = await startGateway({ port: 0, host: '127.0.0.1', dataDir, demo: true });
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await gw?.close().catch(() => undefined);
    for (const d of [dataDir, profileDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  const traceFor = async (id: string) => {
    await page.fill('#trace-id', id);
    await page.press('#trace-id', 'Enter');
    await page.waitForFunction((x) => document.querySelector('#trace-root')?.textContent === x, id, { timeout: 30_000 });
  };

  it('is served locally at /app with no request leaving the gateway', async () => {
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(defined(gw, 'the gateway').url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const res = await page.goto(`${defined(gw, 'the gateway').url}/app/`);
    expect(res?.status()).to.equal(200);
    await page.waitForSelector('#api-key');
    expect(foreign).to.deep.equal([]);
  });

  it('rejects an unknown API key and signs in with a demo key', async () => {
    await page.fill('#api-key', 'not-a-key');
    await page.click('#signin-submit');
    await page.waitForFunction(() => /UNAUTHENTICATED|unknown API key/.test(document.querySelector('#signin-error')?.textContent ?? ''));
    await page.fill('#api-key', 'demo-gacc-analyst');
    await page.press('#api-key', 'Enter');
    await page.waitForSelector('#viewer-id');
    expect(await page.textContent('#viewer-id')).to.equal('gacc-analyst');
    await shot('01-signed-in');
  });

  it('traces the demo container across three districts in swim lanes', async () => {
    await traceFor('COSU6331218');
    await page.waitForSelector('svg#swimlanes');
    const lanes = await page.$$eval('svg#swimlanes g.lane', (gs) => gs.map((g) => g.getAttribute('data-district')));
    expect(lanes).to.deep.equal(['2248', '2305', '7206']);
    const crossings = await page.$$eval('svg#swimlanes g.crossing', (gs) => gs.map((g) => g.getAttribute('data-verdict')));
    expect(crossings).to.include('MATCHED');
    expect(crossings.length).to.be.at.least(2);
    expect(await page.$$eval('svg#swimlanes g.segment', (x) => x.length)).to.be.greaterThan(2);
    // The graph reaches the export container through the lots.
    const graph = await page.$$eval('svg#goods-graph g.gnode', (gs) => gs.map((g) => g.getAttribute('data-goods')));
    expect(graph).to.include.members([
      'container:COSU6331218',
      'lot:LOT-SIP-IN-20261120-01',
      'lot:LOT-SIP-OUT-20261121-01',
      'container:TGHU8827013',
    ]);
    await shot('02-trace-COSU6331218');
  });

  it('shows the seal-mismatch anomaly of OOLU4582102', async () => {
    await traceFor('OOLU4582102');
    await page.waitForSelector('.anomaly[data-anomaly-type="SEAL_MISMATCH"]');
    expect(await page.textContent('.anomaly[data-anomaly-type="SEAL_MISMATCH"]')).to.match(/SH2026A000778/);
    expect(await page.$$eval('svg#swimlanes g.crossing[data-verdict="SEAL_MISMATCH"]', (x) => x.length)).to.equal(1);
    expect(await page.$$eval('svg#swimlanes g.event.anomalous', (x) => x.length)).to.be.at.least(2);
    await shot('03-seal-mismatch-OOLU4582102');
  });

  it('opens an event from the timeline with the keyboard and verifies its ledger proof', async () => {
    const id = defined(await page.$eval('svg#swimlanes g.event.anomalous', (g) => g.getAttribute('data-event-id')), 'the event id');
    await page.focus(`svg#swimlanes g.event[data-event-id="${id}"]`);
    await page.keyboard.press('Enter');
    const details = `details[data-event-id="${id}"]`;
    await page.waitForSelector(`${details}[open] .proof`);
    expect(await page.textContent(`${details} .proof-block`)).to.match(/^\d+$/);
    expect(await page.textContent(`${details} .proof-tx`)).to.match(/^[0-9a-f]{16,}$/i);
    expect(await page.textContent(`${details} .proof-hash`)).to.match(/^[0-9a-f]{32,}$/i);
    await page.click(`${details} button.verify`);
    await page.waitForSelector(`${details} .verify-result.ok`, { timeout: 30_000 });
    await shot('04-proof-verified');
  });

  it('switches to Chinese labels and back', async () => {
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.textContent('#trace-heading')).to.equal('追溯');
    expect(await page.textContent('.anomaly[data-anomaly-type="SEAL_MISMATCH"] strong')).to.equal('关锁不符');
    await shot('05-zh');
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('dashboard: clearance time, counts, overdue transit, gate denials, and a live event appended through the API', async () => {
    // A gate check made elsewhere (here, by the gate operator over the API) is in the gateway's
    // gate-decision log, so the dashboard lists its denial.
    const gate = await fetch(defined(gw, 'the gateway').graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-sip-warehouse' },
      body: JSON.stringify({ query: '{ gateCheck(containerNo: "COSU6331218", gateId: "CNSZP-BZ-GATE1", direction: OUT) { decision } }' }),
    });
    expect(((await gate.json()) as { data?: { gateCheck: { decision: string } } }).data?.gateCheck.decision).to.equal('DENY');
    await page.click('a[href="#/dashboard"]');
    await page.waitForSelector('#gate-denials li[data-decision-id]', { timeout: 30_000 });
    expect(await page.textContent('#gate-denials')).to.contain('COSU6331218');
    await page.waitForSelector('#live-state.open', { timeout: 30_000 });
    await page.waitForSelector('#clearance table tbody tr');
    await page.waitForSelector('#transits tr[data-status="OVERDUE"]', { timeout: 30_000 });
    expect(await page.textContent('#transits')).to.contain('CSNU7001122');
    const before = Number(await page.textContent('#total-events'));
    expect(before).to.be.greaterThan(20);

    const id = `webapp-e2e-${Date.now()}`;
    const res = await fetch(defined(gw, 'the gateway').graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-sinotrans' },
      body: JSON.stringify({
        query: 'mutation($events: [JSON!]!) { appendEvents(events: $events) { accepted rejected results { status code message } } }',
        variables: {
          events: [
            {
              id,
              kind: 'ARRIVED',
              goods: [{ type: 'container', id: 'CSNU7001122' }],
              eventTime: cst(Date.now() - 60_000),
              district: '2305',
              readPoint: 'CNSZP-BZ-GATE1',
              actor: { org: 'SinoTransMSP', enterpriseCode: '3101930777' },
            },
          ],
        },
      }),
    });
    const body = (await res.json()) as { data?: { appendEvents: { accepted: number; results: unknown[] } }; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).to.equal(undefined);
    expect(defined(body.data, 'data').appendEvents.accepted, JSON.stringify(body.data)).to.equal(1);
    await page.waitForSelector(`#live-feed li[data-event-id="${id}"]`, { timeout: 30_000 });
    await page.waitForFunction((n) => Number(document.querySelector('#total-events')?.textContent) === n + 1, before);
    await shot('06-dashboard-live');
  });

  it('shows a warehouse operator only what it may see', async () => {
    const p2 = await defined(context, 'the browser').newPage();
    try {
      await p2.goto(`${defined(gw, 'the gateway').url}/app/`);
      await p2.fill('#api-key', 'demo-youyiguan-gate');
      await p2.press('#api-key', 'Enter');
      await p2.waitForSelector('#viewer-id');
      await p2.fill('#trace-id', 'OOLU4582102');
      await p2.press('#trace-id', 'Enter');
      await p2.waitForFunction(() => /scope|范围/.test(document.querySelector('.trace-view .status')?.textContent ?? ''), undefined, {
        timeout: 30_000,
      });
      expect(await p2.$('svg#swimlanes')).to.equal(null);
      await p2.screenshot({ path: path.join(ARTIFACTS, '07-scope-denied.png'), fullPage: true });
    } finally {
      await p2.close();
    }
  });

  it('logged no errors in the page', () => {
    // The 401 is the deliberate sign-in with an unknown key.
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).to.deep.equal([]);
  });
});
