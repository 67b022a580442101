import { expect } from 'chai';
import * as path from 'node:path';
import { EmbeddedNetwork, bootstrapRegistry, embeddedInvoker, loadNetworkConfig, channelMembers } from '@cargotrace/network';
import { removeDir, tempDir } from '../embedded/helpers';

const CHAINCODE = path.dirname(require.resolve('@cargotrace/chaincode/package.json'));

describe('registry bootstrap', () => {
  const config = loadNetworkConfig();
  let dir: string;
  let net: EmbeddedNetwork;

  before(async () => {
    dir = await tempDir('bootstrap');
    net = await EmbeddedNetwork.open({ dataDir: dir, config, chaincodeDir: CHAINCODE });
  });
  after(async () => {
    // Unset when before() failed.
    await (net as EmbeddedNetwork | undefined)?.close();
    await removeDir(dir);
  });

  const registry = async (channel: string) =>
    JSON.parse((await net.channel(channel).evaluate(net.identity('gateway-service'), 'registry:getRegistry', [])).toString()) as {
      districts: { code: string }[];
      organisations: { mspId: string }[];
    };

  it('completes a channel whose bootstrap stopped after the organisations', async () => {
    const invoker = embeddedInvoker(net);
    const members = new Set(channelMembers(config, 'district-2300'));
    const orgs = config.organisations
      .filter((o) => members.has(o.mspId))
      .sort((a, b) => Number(b.kind === 'gacc') - Number(a.kind === 'gacc'));
    await invoker.submit('district-2300', 'gateway-service', 'registry:registerOrganisations', [JSON.stringify(orgs)]);
    expect((await registry('district-2300')).districts).to.have.length(0);

    const done = await bootstrapRegistry(invoker, config);
    expect(done).to.have.members(config.channels.map((c) => c.name));
    expect((await registry('district-2300')).districts.map((d) => d.code)).to.have.members(['0000', '2300', '2305']);
    expect((await registry('district-2300')).organisations.map((o) => o.mspId)).to.have.members([...members]);
  });

  it('leaves complete channels alone on the next start', async () => {
    const heights = config.channels.map((c) => net.channel(c.name).height());
    expect(await bootstrapRegistry(embeddedInvoker(net), config)).to.deep.equal([]);
    expect(config.channels.map((c) => net.channel(c.name).height())).to.deep.equal(heights);
  });
});
