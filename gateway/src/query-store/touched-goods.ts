import { splitCompositeKey } from '@cargotrace/network';
import type { CommittedBlock } from '../ledger/committed-blocks';
import { goodsKey } from '../model/custody';

/** State families whose first two attributes are a goods item's type and key id: its state and
 * its goods → events index. A new or corrected event of a goods item always writes both. */
const GOODS_FAMILIES = new Set(['goods', 'goods~event']);

/** The goods (as `goodsKey`) whose reads a block can change: those whose state or event index a
 * valid transaction wrote. Everything else a read depends on for one goods item (event records,
 * proofs) is only ever added alongside those keys. */
export function touchedGoods(block: CommittedBlock): Set<string> {
  const touched = new Set<string>();
  for (const tx of block.transactions) {
    if (tx.validationCode !== 'VALID') continue;
    for (const w of tx.writes) {
      const { objectType, attributes } = splitCompositeKey(w.key);
      if (GOODS_FAMILIES.has(objectType) && attributes.length >= 2) touched.add(goodsKey({ type: attributes[0], id: attributes[1] }));
    }
  }
  return touched;
}
