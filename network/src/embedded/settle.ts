/** Runs `work` so that a throw becomes a rejection, as it does in fabric-shim's async stub
 * methods: a chaincode that does not await a stub call still sees its error as a rejection. */
export function settle<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
