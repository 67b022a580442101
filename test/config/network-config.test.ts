import { expect } from 'chai';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, DEFAULT_NETWORK_CONFIG, loadNetworkConfig, parseNetworkConfig, type NetworkConfig } from '@cargotrace/network';

/** The demo configuration as read from disk, to be broken on purpose (with Object.assign, since
 * the broken values are outside the type). */
function demo(): NetworkConfig {
  return JSON.parse(readFileSync(DEFAULT_NETWORK_CONFIG, 'utf8')) as NetworkConfig;
}

/** xs[i], which the test needs to exist. */
function nth<T>(xs: T[] | undefined, i: number): T {
  const x = xs?.[i];
  if (x === undefined) throw new Error(`the demo configuration has no element ${i}`);
  return x;
}

function expectConfigError(data: unknown, pathWanted: string): ConfigError {
  try {
    parseNetworkConfig(data);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as ConfigError).code).to.equal('CONFIG_INVALID');
    expect((err as ConfigError).path).to.equal(pathWanted);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('network configuration', () => {
  it('loads the demo configuration', () => {
    const config = loadNetworkConfig();
    expect(config.channels.map((c) => c.name)).to.include('mutual-recognition');
    expect(config.organisations.map((o) => o.kind)).to.include.members([
      'gacc',
      'customs',
      'ciq',
      'warehouse',
      'carrier',
      'partner-customs',
    ]);
  });

  it('names the bad field when the schema is violated', () => {
    const data = demo();
    Object.assign(nth(data.districts, 2), { level: 'provincial' });
    expectConfigError(data, '/districts/2/level');
  });

  it('rejects an unknown property with its path', () => {
    const data = demo();
    Object.assign(nth(data.users, 3), { colour: 'red' });
    expectConfigError(data, '/users/3');
  });

  it('rejects a parent district at the wrong level', () => {
    const data = demo();
    const i = data.districts.findIndex((d) => d.code === '2305');
    nth(data.districts, i).parent = '0000';
    expectConfigError(data, `/districts/${i}/parent`);
  });

  it('rejects a user of an unknown organisation', () => {
    const data = demo();
    nth(data.users, 4).org = 'NoSuchMSP';
    expectConfigError(data, '/users/4/org');
  });

  it("rejects a site outside its organisation's districts", () => {
    const data = demo();
    const i = data.organisations.findIndex((o) => o.mspId === 'SipLogisticsMSP');
    nth(nth(data.organisations, i).sites, 1).district = '2248';
    expectConfigError(data, `/organisations/${i}/sites/1/district`);
  });

  it('rejects duplicate API keys', () => {
    const data = demo();
    nth(data.users, 5).apiKey = nth(data.users, 2).apiKey;
    expectConfigError(data, '/users/5');
  });

  it('reports unreadable JSON with the file name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cargotrace-config-'));
    try {
      const file = path.join(dir, 'network.json');
      writeFileSync(file, '{ "name": ');
      expect(() => loadNetworkConfig(file)).to.throw(ConfigError, /network\.json: \/: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
