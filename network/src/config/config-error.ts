/** A network configuration that cannot be used. `path` is a JSON Pointer to the bad field so that
 * an operator can find it in a large file. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${path || '/'}: ${detail}`);
    this.name = 'ConfigError';
  }
}
