/** Command-line options of `pnpm bench`. */
export interface BenchArgs {
  /** Small inputs, few runs, no docs rewrite: the CI smoke test (must finish within 60 s). */
  quick: boolean;
  /** Where to write `{ machine, rows }` as JSON, if anywhere. */
  json?: string;
  /** Only rows whose suite or row name contains this text (case-insensitive). */
  filter?: string;
  /** Rewrite docs/benchmarks.md: default for a full unfiltered run, `--no-docs` / `--docs` override. */
  docs: boolean;
  /** Timed runs per row (each run times candidate then baseline); at least 7. */
  runs: number;
}

const USAGE = `usage: pnpm bench [--quick] [--json <file>] [--filter <text>] [--runs <n >= 7>] [--docs | --no-docs]`;

/** Parses argv (without node and the script). Throws with a usage line on unknown flags. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let json: string | undefined;
  let filter: string | undefined;
  let docs: boolean | undefined;
  let runs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--') continue;
    else if (arg === '--quick') quick = true;
    else if (arg === '--json') json = value();
    else if (arg === '--filter') filter = value();
    else if (arg === '--docs') docs = true;
    else if (arg === '--no-docs') docs = false;
    else if (arg === '--runs') {
      runs = Number(value());
      if (!Number.isInteger(runs) || runs < 7) throw new Error(`--runs must be an integer >= 7\n${USAGE}`);
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return {
    quick,
    json,
    filter,
    docs: docs ?? (!quick && filter === undefined),
    runs: runs ?? (quick ? 7 : 11),
  };
}
