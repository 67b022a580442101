import { expect } from 'chai';
import { goodsKeyId, goodsMapKey, PART_BOOK_SEPARATOR, sameGoods } from '@cargotrace/model';

/** One goods key id, used by the chaincode's indexes and by the gateway's queries of them. */
describe('goods key ids (@cargotrace/model)', () => {
  it('keys a part by its book and number, everything else by its id', () => {
    expect(goodsKeyId({ type: 'part', id: 'P-1', book: 'E2305A' })).to.equal(`E2305A${PART_BOOK_SEPARATOR}P-1`);
    expect(goodsKeyId({ type: 'container', id: 'CSQU3054383' })).to.equal('CSQU3054383');
    // A book on a non-part does not change its key.
    expect(goodsKeyId({ type: 'lot', id: 'L1', book: 'E2305A' })).to.equal('L1');
  });

  it('keys a part without a book (or with an empty one) by its id', () => {
    expect(goodsKeyId({ type: 'part', id: 'P-1' })).to.equal('P-1');
    expect(goodsKeyId({ type: 'part', id: 'P-1', book: '' })).to.equal('P-1');
  });

  it('tells goods apart by type and key id', () => {
    expect(sameGoods({ type: 'lot', id: 'X' }, { type: 'lot', id: 'X' })).to.equal(true);
    expect(sameGoods({ type: 'lot', id: 'X' }, { type: 'consignment', id: 'X' })).to.equal(false);
    expect(goodsMapKey({ type: 'part', id: 'P', book: 'B1' })).to.not.equal(goodsMapKey({ type: 'part', id: 'P', book: 'B2' }));
  });
});
