/** English and Chinese labels. Elements carry `data-i18n="key"` (text) or
 * `data-i18n-attr="attr:key;attr2:key2"` and are relabelled on a language switch. */

export type Lang = 'en' | 'zh';

const EN = {
  'app.title': 'CargoTrace — trace explorer and supervision',
  'app.brand': 'CargoTrace',
  'app.skip': 'Skip to content',
  'nav.trace': 'Trace',
  'nav.dashboard': 'Dashboard',
  'nav.signout': 'Sign out',
  'lang.switch': '中文',
  'lang.switchLabel': 'Switch language to Chinese',
  'signin.title': 'Sign in',
  'signin.key': 'API key',
  'signin.submit': 'Sign in',
  'signin.hint': 'Demo keys are printed by npm start (e.g. demo-gacc-analyst).',
  'signin.failed': 'Sign-in failed',
  'viewer.scope': 'Scope',
  'trace.search': 'Goods id',
  'trace.searchHint': 'Container, declaration, manifest, lot, part number or EPC',
  'trace.type': 'Type',
  'trace.typeAuto': 'auto',
  'trace.go': 'Trace',
  'trace.depth': 'Depth',
  'trace.notFound': 'No goods with this id in your scope.',
  'trace.loading': 'Tracing…',
  'trace.districts': 'Districts',
  'trace.events': 'Events',
  'trace.anomalies': 'Anomalies',
  'trace.noAnomalies': 'No anomalies.',
  'trace.hidden': 'related goods outside your scope are not shown',
  'trace.lanes': 'Custody timeline by district',
  'trace.graph': 'Aggregation and processing graph',
  'trace.eventList': 'Events',
  'trace.resolvedVia': 'Found through reference',
  'trace.crossings': 'Hand-offs and take-overs',
  'legend.segment': 'custody segment',
  'legend.event': 'event',
  'legend.anomaly': 'anomaly',
  'field.kind': 'Kind',
  'field.eventTime': 'Event time',
  'field.recordedTime': 'Recorded time',
  'field.district': 'District',
  'field.site': 'Site',
  'field.readPoint': 'Read point',
  'field.goods': 'Goods',
  'field.actor': 'Actor',
  'field.custody': 'Custody',
  'field.seals': 'Seals',
  'field.weight': 'Weight',
  'field.quantity': 'Quantity',
  'field.disposition': 'Disposition',
  'field.supervisionStatus': 'Supervision status',
  'field.result': 'Result',
  'field.references': 'References',
  'field.transit': 'Transit',
  'field.recordedBy': 'Recorded by',
  'field.raw': 'Event as submitted',
  'proof.title': 'Ledger proof',
  'proof.channel': 'Channel',
  'proof.block': 'Block',
  'proof.tx': 'Transaction',
  'proof.txIndex': 'Index in block',
  'proof.hash': 'Block hash',
  'proof.validation': 'Validation',
  'proof.none': 'No proof available.',
  'proof.verify': 'Verify',
  'proof.verifying': 'Verifying…',
  'proof.verified': 'Verified: hash chain intact up to block {height}; this block is part of it.',
  'proof.failed': 'Verification FAILED',
  'proof.beyond': 'Block {block} is beyond the verified height {height}.',
  'dash.title': 'Supervision dashboard',
  'dash.window': 'Window',
  'dash.days': 'days',
  'dash.refresh': 'Refresh',
  'dash.live': 'Live feed',
  'dash.liveOpen': 'live',
  'dash.liveRetrying': 'reconnecting',
  'dash.liveClosed': 'offline',
  'dash.liveEmpty': 'Waiting for new events…',
  'dash.clearance': 'Clearance time (declared or arrived → released)',
  'dash.day': 'Day',
  'dash.count': 'Releases',
  'dash.p50': 'p50',
  'dash.p90': 'p90',
  'dash.noClearance': 'No releases in the window.',
  'dash.kinds': 'Events by kind',
  'dash.transits': 'Open and overdue transits',
  'dash.noTransits': 'No open transits.',
  'dash.from': 'From',
  'dash.to': 'To',
  'dash.due': 'Due by',
  'dash.status': 'Status',
  'dash.gate': 'Gate denials',
  'dash.gateNone': 'No gate denials recorded.',
  'dash.gateCheck': 'Gate check',
  'dash.container': 'Container',
  'dash.gateId': 'Gate',
  'dash.direction': 'Direction',
  'dash.sealsInput': 'Seals (comma-separated)',
  'dash.weightInput': 'Gross weight kg',
  'dash.check': 'Check',
  'dash.totalEvents': 'events in window',
  'dash.truncated': 'only the first {n} events were read',
  'dash.anomalies': 'Anomalies',
  'common.loading': 'Loading…',
  'common.error': 'Error',
  'common.close': 'Close',
  'common.none': '—',
} as const;

export type I18nKey = keyof typeof EN;

const ZH: Record<I18nKey, string> = {
  'app.title': 'CargoTrace — 追溯查询与监管看板',
  'app.brand': 'CargoTrace 货物追溯',
  'app.skip': '跳到正文',
  'nav.trace': '追溯',
  'nav.dashboard': '看板',
  'nav.signout': '退出',
  'lang.switch': 'English',
  'lang.switchLabel': '切换为英文',
  'signin.title': '登录',
  'signin.key': 'API 密钥',
  'signin.submit': '登录',
  'signin.hint': '演示密钥由 npm start 打印（如 demo-gacc-analyst）。',
  'signin.failed': '登录失败',
  'viewer.scope': '查询范围',
  'trace.search': '货物编号',
  'trace.searchHint': '集装箱、报关单、舱单、批次、料号或 EPC',
  'trace.type': '类型',
  'trace.typeAuto': '自动',
  'trace.go': '追溯',
  'trace.depth': '深度',
  'trace.notFound': '您的权限范围内没有该编号的货物。',
  'trace.loading': '追溯中…',
  'trace.districts': '关区',
  'trace.events': '事件',
  'trace.anomalies': '异常',
  'trace.noAnomalies': '无异常。',
  'trace.hidden': '条关联货物在您的权限范围外，未显示',
  'trace.lanes': '按关区的监管链时间轴',
  'trace.graph': '集拼与加工关系图',
  'trace.eventList': '事件',
  'trace.resolvedVia': '经单证关联找到',
  'trace.crossings': '交接与接收',
  'legend.segment': '监管段',
  'legend.event': '事件',
  'legend.anomaly': '异常',
  'field.kind': '类型',
  'field.eventTime': '事件时间',
  'field.recordedTime': '上链时间',
  'field.district': '关区',
  'field.site': '场所',
  'field.readPoint': '采集点',
  'field.goods': '货物',
  'field.actor': '操作方',
  'field.custody': '监管交接',
  'field.seals': '关锁号',
  'field.weight': '重量',
  'field.quantity': '数量',
  'field.disposition': '处置状态',
  'field.supervisionStatus': '监管状态',
  'field.result': '结果',
  'field.references': '关联单证',
  'field.transit': '转关',
  'field.recordedBy': '记录人',
  'field.raw': '原始报文',
  'proof.title': '账本证明',
  'proof.channel': '通道',
  'proof.block': '区块',
  'proof.tx': '交易',
  'proof.txIndex': '块内序号',
  'proof.hash': '区块哈希',
  'proof.validation': '校验码',
  'proof.none': '无可用证明。',
  'proof.verify': '验证',
  'proof.verifying': '验证中…',
  'proof.verified': '已验证：哈希链完整至第 {height} 块，本区块在链上。',
  'proof.failed': '验证失败',
  'proof.beyond': '区块 {block} 超出已验证高度 {height}。',
  'dash.title': '监管看板',
  'dash.window': '时间范围',
  'dash.days': '天',
  'dash.refresh': '刷新',
  'dash.live': '实时动态',
  'dash.liveOpen': '实时',
  'dash.liveRetrying': '重连中',
  'dash.liveClosed': '离线',
  'dash.liveEmpty': '等待新事件…',
  'dash.clearance': '通关时间（申报或抵达 → 放行）',
  'dash.day': '日期',
  'dash.count': '放行票数',
  'dash.p50': '中位数',
  'dash.p90': '90 分位',
  'dash.noClearance': '时间范围内无放行。',
  'dash.kinds': '按事件类型统计',
  'dash.transits': '在途与超时转关',
  'dash.noTransits': '无在途转关。',
  'dash.from': '起运关区',
  'dash.to': '指运关区',
  'dash.due': '限定时间',
  'dash.status': '状态',
  'dash.gate': '卡口拒绝放行',
  'dash.gateNone': '无卡口拒绝记录。',
  'dash.gateCheck': '卡口核放',
  'dash.container': '集装箱号',
  'dash.gateId': '卡口',
  'dash.direction': '方向',
  'dash.sealsInput': '关锁号（逗号分隔）',
  'dash.weightInput': '毛重（千克）',
  'dash.check': '核放',
  'dash.totalEvents': '条事件（时间范围内）',
  'dash.truncated': '仅读取了前 {n} 条事件',
  'dash.anomalies': '异常',
  'common.loading': '加载中…',
  'common.error': '错误',
  'common.close': '关闭',
  'common.none': '—',
};

const KINDS_ZH: Record<string, string> = {
  MANIFEST_FILED: '舱单申报',
  DECLARED: '申报',
  ARRIVED: '抵达',
  GATE_IN: '卡口进',
  GATE_OUT: '卡口出',
  INSPECTION_ORDERED: '布控查验',
  INSPECTED: '查验',
  QUARANTINE_RESULT: '检疫结果',
  HELD: '扣留',
  RELEASED: '放行',
  RECEIVED: '入库',
  STORED: '上架',
  MOVED: '移库',
  PICKED: '拣货',
  DISPATCHED: '发货',
  STOCKTAKE: '盘点',
  STATUS_CHANGED: '状态变更',
  PROCESSED: '加工',
  PACKED: '装箱',
  UNPACKED: '拆箱',
  LOADED: '装载',
  DEPARTED: '启运',
  UNLOADED: '卸货',
  HANDED_OFF: '交接（交出）',
  TAKEN_OVER: '交接（接收）',
  EXPORTED: '出口',
  CORRECTION: '更正',
};

const VERDICT: Record<string, [string, string]> = {
  MATCHED: ['matched', '相符'],
  SEAL_MISMATCH: ['seal mismatch', '关锁不符'],
  WEIGHT_DEVIATION: ['weight deviation', '重量偏差'],
  LATE: ['late', '迟到'],
  OVERDUE: ['overdue', '超时未到'],
  IN_TRANSIT: ['in transit', '在途'],
  TAKEOVER_WITHOUT_HANDOFF: ['take-over without hand-off', '无交出的接收'],
};

const ANOMALY: Record<string, [string, string]> = {
  EXIT_WITHOUT_RELEASE: ['exit without release', '未放行出区'],
  SEAL_MISMATCH: ['seal mismatch', '关锁不符'],
  WEIGHT_DEVIATION: ['weight deviation', '重量偏差'],
  OVERDUE_TRANSIT: ['overdue transit', '转关超时'],
  TAKEOVER_WITHOUT_HANDOFF: ['take-over without hand-off', '无交出的接收'],
  HELD_GOODS_MOVED: ['held goods moved', '扣留货物被移动'],
};

const SEVERITY: Record<string, [string, string]> = { HIGH: ['high', '高'], MEDIUM: ['medium', '中'], LOW: ['low', '低'] };

const GOODS_TYPE_ZH: Record<string, string> = {
  container: '集装箱',
  consignment: '提运单',
  declaration: '报关单',
  lot: '批次',
  part: '料号',
  epc: 'EPC',
  'digital-link': '数字链接',
  manifest: '舱单',
};

let lang: Lang = 'en';
const listeners = new Set<() => void>();

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  try {
    localStorage.setItem('cargotrace.lang', l);
  } catch {
    /* storage may be off */
  }
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  applyI18n(document.body);
  document.title = t('app.title');
  for (const f of listeners) f();
}

export function initLang(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem('cargotrace.lang');
  } catch {
    /* ignore */
  }
  const l: Lang = stored === 'zh' || stored === 'en' ? stored : navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  setLang(l);
}

export function onLangChange(f: () => void): void {
  listeners.add(f);
}

export function t(key: I18nKey, vars: Record<string, string | number> = {}): string {
  const s = lang === 'zh' ? ZH[key] : EN[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

const pick = (m: Partial<Record<string, [string, string]>>, k: string) => m[k]?.[lang === 'zh' ? 1 : 0] ?? k;

export const kindLabel = (k: string) => (lang === 'zh' ? (KINDS_ZH[k] ?? k) : k.replace(/_/g, ' ').toLowerCase());
export const verdictLabel = (v: string) => pick(VERDICT, v);
export const anomalyLabel = (a: string) => pick(ANOMALY, a);
export const severityLabel = (s: string) => pick(SEVERITY, s);
export const goodsTypeLabel = (g: string) => (lang === 'zh' ? (GOODS_TYPE_ZH[g] ?? g) : g);

export function applyI18n(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as I18nKey);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-attr]').forEach((el) => {
    for (const pair of (el.dataset.i18nAttr ?? '').split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr, t(key as I18nKey));
    }
  });
}
