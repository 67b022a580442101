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
  const o = cmd.optsWithGlobals<{ gateway?: string; apiKey?: string; outbox?: string }>();
  return {
    gateway: o.gateway ?? process.env.CARGOTRACE_GATEWAY,
    apiKey: o.apiKey ?? process.env.CARGOTRACE_API_KEY,
    outbox: o.outbox ?? process.env.CARGOTRACE_OUTBOX ?? path.join(process.cwd(), '.cargotrace', 'outbox'),
  };
}

/** The client of the gateway the options name; a command that needs one fails without it. */
export function client(g: Globals): CargoTraceClient {
  if (!g.gateway) throw new GatewayError('no gateway: pass --gateway <url> or set CARGOTRACE_GATEWAY');
  return new CargoTraceClient({ gateway: g.gateway, apiKey: g.apiKey });
}

/** A JSON file's content, unchecked: the caller says what it expects. */
export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
