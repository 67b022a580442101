'use strict';
/** Minimal YAML emitter for the generated Fabric configuration (objects, arrays, scalars). */

function scalar(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s === '') return "''";
  if (/^[A-Za-z0-9_./@-][A-Za-z0-9_./@+ -]*$/.test(s) && !/^(true|false|yes|no|on|off|null|~)$/i.test(s) && !/: /.test(s) && !/ $/.test(s) && !/^[0-9.+-]+$/.test(s)) {
    return s;
  }
  return JSON.stringify(s);
}

function emit(value, indent = 0) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    let out = '\n';
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
        const body = emit(item, indent + 2).replace(/^\n/, '');
        out += `${pad}- ${body.slice(indent + 2)}`;
      } else {
        out += `${pad}-${emit(item, indent + 2).replace(/^\n/, ' ')}`;
      }
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return ' {}\n';
    let out = '\n';
    for (const k of keys) out += `${pad}${scalar(k)}:${emit(value[k], indent + 2)}`;
    return out;
  }
  const s = scalar(value);
  return s === '' ? '\n' : ` ${s}\n`;
}

function toYaml(obj, header = '') {
  return (header ? header.replace(/^/gm, '# ') + '\n' : '') + emit(obj, 0).replace(/^\n/, '');
}

module.exports = { toYaml };
