import type { District, NetworkConfig } from './types';

/** The districts whose data a channel carries: for a district channel its directly-governed
 * district with every district below it, plus the ancestors (so that national identities resolve);
 * the mutual-recognition channel carries references to any district. */
export function channelDistricts(config: NetworkConfig, channelName: string): District[] {
  const channel = config.channels.find((c) => c.name === channelName);
  if (!channel) throw new Error(`unknown channel ${channelName}`);
  if (channel.kind === 'mutual-recognition' || channel.district === undefined) return [...config.districts];
  const byCode = new Map(config.districts.map((d) => [d.code, d]));
  const included = new Set<string>();
  for (let code: string | undefined = channel.district; code !== undefined; code = byCode.get(code)?.parent) {
    included.add(code);
  }
  for (const d of config.districts) {
    if (isWithin(byCode, d.code, channel.district)) included.add(d.code);
  }
  return config.districts.filter((d) => included.has(d.code));
}

/** True when `code` is `ancestor` or lies below it in the district tree. */
export function isWithin(byCode: Map<string, District>, code: string, ancestor: string): boolean {
  for (let c: string | undefined = code; c !== undefined; c = byCode.get(c)?.parent) {
    if (c === ancestor) return true;
  }
  return false;
}

/** The district channel that carries events recorded in `districtCode`. */
export function channelForDistrict(config: NetworkConfig, districtCode: string): string | undefined {
  const byCode = new Map(config.districts.map((d) => [d.code, d]));
  return config.channels.find((c) => c.kind === 'district' && c.district !== undefined && isWithin(byCode, districtCode, c.district))?.name;
}
