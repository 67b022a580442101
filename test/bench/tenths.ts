/** The highest of the samples in each tenth of a run: a single sample mostly tells where the
 * garbage collector happened to be. */
export function byTenths(samples: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 10; i++) {
    const part = samples.slice(Math.floor((i * samples.length) / 10), Math.floor(((i + 1) * samples.length) / 10));
    if (part.length > 0) out.push(Math.max(...part));
  }
  return out;
}
