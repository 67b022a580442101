import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RegistryIndex, type Caller } from '@cargotrace/chaincode';
import type { CustodyEvent, Registry } from '@cargotrace/model';
import type { District, NetworkConfig, Organisation } from '@cargotrace/network';

/** A configuration record that is also a plain JSON object (the schema tests mutate them). */
type JsonRecord<T> = T & Record<string, unknown>;

/** The demo network configuration, read as JSON. */
export interface DemoConfig extends NetworkConfig {
  districts: Array<JsonRecord<District>>;
  organisations: Array<JsonRecord<Organisation>>;
}

/** The demo network configuration (network/config/network.json). */
export function demoConfig(): DemoConfig {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../../network/config/network.json'), 'utf8')) as DemoConfig;
}

/** A registry holding every district and organisation of the demo network. */
export function demoRegistry(): RegistryIndex {
  const config = demoConfig();
  const registry: Registry = { districts: config.districts, organisations: config.organisations };
  return new RegistryIndex(registry);
}

export function callerFor(userId: string): Caller {
  const user = demoConfig().users.find((u) => u.id === userId);
  if (!user) throw new Error(`no user ${userId}`);
  return { mspId: user.org, id: user.id, role: user.role, district: user.district };
}

let counter = 0;
/** A valid custody event (SIP bonded warehouse, district 2305) with overrides. */
export function event(overrides: Partial<CustodyEvent> = {}): CustodyEvent {
  counter++;
  return {
    id: `urn:uuid:test-${counter}`,
    kind: 'RECEIVED',
    goods: [{ type: 'container', id: 'CSQU3054383' }],
    eventTime: '2026-11-20T08:30:00+08:00',
    district: '2305',
    site: 'CNSZP-BZ-WH01',
    ...overrides,
  };
}
