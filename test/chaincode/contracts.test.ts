import { expect } from 'chai';
import { contracts } from '@cargotrace/chaincode';

interface TransactionMetadata {
  name: string;
  tag: string[];
}

/** reflect-metadata's reader, which fabric-contract-api installs on Reflect; typed here rather than
 * importing reflect-metadata a second time. */
const reflectMetadata = Reflect as unknown as { getMetadata(key: string, target: object): unknown };

const metadataOf = (proto: object): TransactionMetadata[] =>
  (reflectMetadata.getMetadata('fabric:transactions', proto) as TransactionMetadata[] | undefined) ?? [];

describe('chaincode contracts', () => {
  it('expose only transactions: every method on a contract is a declared transaction', () => {
    for (const contract of contracts) {
      const methods = Object.getOwnPropertyNames(contract.prototype).filter((n) => n !== 'constructor');
      expect(methods.sort(), contract.name).to.deep.equal(
        metadataOf(contract.prototype)
          .map((t) => t.name)
          .sort(),
      );
    }
  });

  it('mark every query read-only (evaluate) and every write submit', () => {
    const tags: Record<string, string> = {};
    for (const contract of contracts) {
      for (const t of metadataOf(contract.prototype))
        tags[`${contract.name}.${t.name}`] = t.tag.includes('EVALUATE') ? 'evaluate' : t.tag.includes('SUBMIT') ? 'submit' : 'none';
    }
    const expected: Record<string, string> = {};
    for (const name of Object.keys(tags)) expected[name] = /\.(get|query|list)[A-Z]/.test(name) ? 'evaluate' : 'submit';
    expect(tags).to.deep.equal(expected);
    expect(Object.values(tags).filter((t) => t === 'evaluate')).to.have.length(13);
  });
});
