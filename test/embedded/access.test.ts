import { expect } from 'chai';
import { AccessDeniedError, EmbeddedNetwork, EndorsementError } from '@cargotrace/network';
import { channelMembers } from '@cargotrace/network';
import { demoConfig, openNetwork, rejectionOf, removeDir, tempDir } from './helpers';

describe('embedded ledger: channel membership and proposal checks', () => {
  let dir: string;
  let net: EmbeddedNetwork;
  const config = demoConfig();

  before(async () => {
    dir = await tempDir('access');
    net = await openNetwork(dir);
  });
  after(async () => {
    // Unset when before() failed.
    await (net as EmbeddedNetwork | undefined)?.close();
    await removeDir(dir);
  });

  it('channelMembers: GACC plus every org operating in the district or below it', () => {
    expect(channelMembers(config, 'district-2200').sort()).to.deep.equal(
      ['CIQMSP', 'GACCMSP', 'ShanghaiCustomsMSP', 'SinoTransMSP', 'YangshanTerminalMSP'].sort(),
    );
    expect(channelMembers(config, 'district-2300').sort()).to.deep.equal(
      ['CIQMSP', 'GACCMSP', 'NanjingCustomsMSP', 'SinoTransMSP', 'SipLogisticsMSP'].sort(),
    );
    expect(channelMembers(config, 'mutual-recognition').sort()).to.deep.equal(
      ['GACCMSP', 'NanjingCustomsMSP', 'NanningCustomsMSP', 'ShanghaiCustomsMSP', 'VietnamCustomsMSP'].sort(),
    );
    expect(() => channelMembers(config, 'nope')).to.throw(/unknown channel/);
  });

  it('the genesis block records the channel and its members', async () => {
    const genesis = await net.channel('district-7200').getBlock(0);
    expect(genesis.header.number).to.equal(0);
    expect(genesis.header.previousHash).to.equal('');
    expect(genesis.transactions[0].type).to.equal('config');
    expect(genesis.transactions[0].config).to.deep.equal({
      channel: 'district-7200',
      members: channelMembers(config, 'district-7200').sort(),
    });
  });

  it('a creator whose org is not a channel member is denied, for submit and evaluate', async () => {
    const ch = net.channel('district-2200');
    const foreign = net.identity('nanning-officer');
    const err = await rejectionOf(ch.submit(foreign, 'counter:put', ['k', 'v']));
    expect(err).to.be.instanceOf(AccessDeniedError);
    expect(err).to.be.instanceOf(EndorsementError);
    expect(err.message).to.match(/^access denied: channel \[district-2200\] creator org \[NanningCustomsMSP\]/);
    expect(await rejectionOf(ch.evaluate(foreign, 'counter:get', ['k']))).to.be.instanceOf(AccessDeniedError);
    // A member of the mutual-recognition channel that is not on district channels.
    const vn = net.identity('vietnam-liaison');
    expect(await rejectionOf(net.channel('district-7200').evaluate(vn, 'counter:get', ['k']))).to.be.instanceOf(AccessDeniedError);
    expect((await net.channel('mutual-recognition').submit(vn, 'counter:put', ['k', 'v'])).blockNumber).to.equal(1);
    // GACC is on every channel.
    for (const name of net.channelNames()) await net.channel(name).evaluate(net.identity('gacc-analyst'), 'counter:get', ['k']);
  });

  it("a certificate not issued by the claimed org's CA is denied", async () => {
    const sh = net.identity('shanghai-officer');
    const forged = { ...sh, mspId: 'GACCMSP' };
    const err = await rejectionOf(net.channel('district-2200').evaluate(forged, 'counter:get', ['k']));
    expect(err).to.be.instanceOf(AccessDeniedError);
    expect(err.message).to.match(/creator org \[GACCMSP\].*not issued by the organisation CA/);
  });

  it('a proposal signature that does not verify with the cert is denied', async () => {
    const sh = net.identity('shanghai-officer');
    const wrongKey = { ...sh, privateKey: net.identity('yangshan-officer').privateKey };
    const err = await rejectionOf(net.channel('district-2200').submit(wrongKey, 'counter:put', ['k', 'v']));
    expect(err).to.be.instanceOf(AccessDeniedError);
    expect(err.message).to.match(/signature is not valid/);
  });

  it('unknown channels and users throw', () => {
    expect(() => net.channel('district-9999')).to.throw(/unknown channel/);
    expect(() => net.identity('ghost')).to.throw(/no identity/);
    expect(net.channelNames()).to.deep.equal(config.channels.map((c) => c.name));
  });
});
