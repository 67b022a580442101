/** Minimal YAML emitter for the generated Fabric configuration (objects, arrays, scalars). */

const PLAIN = /^[A-Za-z0-9_./@-][A-Za-z0-9_./@+ -]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~)$/i;
const NUMERIC = /^[0-9.+-]+$/;

/** A string YAML reads back as the same string without quotes. */
function isPlain(s: string): boolean {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.includes(': ') && !s.endsWith(' ') && !NUMERIC.test(s);
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // The configuration is JSON data: anything else here is a bug in what was passed.
  if (typeof v !== 'string') throw new TypeError(`not a YAML scalar: ${typeof v}`);
  if (v === '') return "''";
  return isPlain(v) ? v : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function emitItem(item: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (isRecord(item) && Object.keys(item).length > 0) {
    // The first key goes on the dash line, the others keep their indentation.
    const body = emit(item, indent + 2).replace(/^\n/, '');
    return `${pad}- ${body.slice(indent + 2)}`;
  }
  return `${pad}-${emit(item, indent + 2).replace(/^\n/, ' ')}`;
}

function emitArray(value: unknown[], indent: number): string {
  if (value.length === 0) return ' []\n';
  return '\n' + value.map((item) => emitItem(item, indent)).join('');
}

function emitObject(value: Record<string, unknown>, indent: number): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return ' {}\n';
  const pad = ' '.repeat(indent);
  return '\n' + keys.map((k) => `${pad}${scalar(k)}:${emit(value[k], indent + 2)}`).join('');
}

function emit(value: unknown, indent: number): string {
  if (Array.isArray(value)) return emitArray(value, indent);
  if (isRecord(value)) return emitObject(value, indent);
  const s = scalar(value);
  return s === '' ? '\n' : ` ${s}\n`;
}

/** YAML text of a plain value, each header line as a leading comment. */
export function toYaml(value: unknown, header = ''): string {
  const comment = header ? header.replace(/^/gm, '# ') + '\n' : '';
  return comment + emit(value, 0).replace(/^\n/, '');
}
