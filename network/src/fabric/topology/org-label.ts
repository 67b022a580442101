/** Short lower-case DNS label for an MSP id: ShanghaiCustomsMSP -> shanghaicustoms. */
export function orgLabel(mspId: string): string {
  return mspId
    .replace(/MSP$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}
