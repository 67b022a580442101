import type { Plugin } from 'graphql-yoga';
import { reachedHeights } from '../../query-store/request-heights';

/** Read-your-writes in the GraphQL body: a result whose operation wrote to the ledger carries the
 * heights its writes reached as `extensions.heights` (the same as the X-CargoTrace-Heights header). */
export function heightsPlugin(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const heights = reachedHeights();
          if (Object.keys(heights).length === 0 || !('data' in result)) return;
          setResult({ ...result, extensions: { ...result.extensions, heights } });
        },
      };
    },
  };
}
