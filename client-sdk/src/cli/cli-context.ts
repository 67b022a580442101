import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { CargoTraceClient, GatewayError } from '../client';

/** Options every command may take (`cargotrace --gateway … <command>`), with their environment
 * fallbacks. */
export interface Globals {
  gateway?: string;
  apiKey?: string;
  outbox: string;
}

export function globals(cmd: Command): Globals {
  const o = cmd.optsWithGlobals() as { gateway?: string; apiKey?: string; outbox?: string };
  return {
    gateway: o.gateway ?? process.env.CARGOTRACE_GATEWAY,
    apiKey: o.apiKey ?? process.env.CARGOTRACE_API_KEY,
    outbox: o.outbox ?? process.env.CARGOTRACE_OUTBOX ?? path.join(process.cwd(), '.cargotrace', 'outbox'),
  };
}

export function client(g: Globals, required = true): CargoTraceClient | undefined {
  if (!g.gateway) {
    if (required) throw new GatewayError('no gateway: pass --gateway <url> or set CARGOTRACE_GATEWAY');
    return undefined;
  }
  return new CargoTraceClient({ gateway: g.gateway, apiKey: g.apiKey });
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
