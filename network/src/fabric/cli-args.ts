/** Command line of the Fabric scripts: positional words and `--name value` flags (a flag with
 * no value is `true`). */
export interface CliArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--')) {
      out.positional.push(word);
      continue;
    }
    const next = argv.at(i + 1);
    const hasValue = next !== undefined && !next.startsWith('--');
    out.flags[word.slice(2)] = hasValue ? next : true;
    if (hasValue) i++;
  }
  return out;
}

/** A flag's value, or undefined when it is absent or given without a value. */
export function flag(args: CliArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}
