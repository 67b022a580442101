import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validator } from 'jsonschema';
import schema from './network-config.schema.json';
import { ConfigError } from './config-error';
import type { NetworkConfig } from './types';
import { checkConsistency } from './consistency';

/** The demo configuration shipped with the project. */
export const DEFAULT_NETWORK_CONFIG = path.resolve(__dirname, '../../config/network.json');

/** Reads and validates a network configuration file: JSON Schema first, then cross-references.
 * Throws ConfigError naming the first bad field. */
export function loadNetworkConfig(file: string = DEFAULT_NETWORK_CONFIG): NetworkConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('', `cannot read the file (${(err as Error).message})`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('', `not valid JSON (${(err as Error).message})`, file);
  }
  try {
    return parseNetworkConfig(data);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.path, err.detail, file);
    throw err;
  }
}

/** Validates an already parsed configuration object. */
export function parseNetworkConfig(data: unknown): NetworkConfig {
  const result = new Validator().validate(data, schema, { nestedErrors: false });
  if (!result.valid) {
    const first = result.errors[0];
    const pointer = toPointer(first.path);
    throw new ConfigError(pointer, first.message);
  }
  const config = data as NetworkConfig;
  checkConsistency(config);
  return config;
}

function toPointer(segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
