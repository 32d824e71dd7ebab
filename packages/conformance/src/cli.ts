/**
 * sparseout-conformance <module> [--backend name] [--json file] [--junit file] [--only S2,S4.2]
 * [--timeout seconds] [--verbose]
 *
 * Loads a module whose default export is a Sparseout adapter, runs the conformance suite on each
 * of its backends (or the one named), prints the table and exits 0 only when every applicable
 * check passed (1 otherwise; 2 when the module cannot be loaded or breaks the contract).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SparseoutAdapter } from './adapter.js';
import { allChecks } from './clauses/index.js';
import { LoadError, loadDefaultExport } from './load.js';
import { formatJson } from './reporters/json.js';
import { formatJunit } from './reporters/junit.js';
import { formatTable } from './reporters/table.js';
import type { ConformanceResult } from './result.js';
import { errorText, runConformance } from './run.js';
import { validateAdapter } from './validate.js';

const USAGE = `usage: sparseout-conformance <module> [--backend name] [--json file] [--junit file] [--only S2,S4.2] [--timeout seconds] [--verbose]

  <module>     a package specifier resolved from the current directory (@sparseout/tfjs/conformance)
               or a file path, whose default export is the adapter
  --backend    run one backend only (default: every backend the adapter declares)
  --json       also write the result as JSON to this file (its folder is created)
  --junit      also write the result as JUnit XML to this file (its folder is created)
  --only       run only the checks whose clause starts with one of these (comma separated)
  --timeout    seconds a check, setup or teardown may take before it fails as hung (default 300)
  --verbose    print expected and measured for passing checks too`;

function fail(message: string): never {
  console.error(`sparseout-conformance: ${message}`);
  process.exit(2);
}

/** The absolute path of a report file; exits 2 before any check runs when it names a folder. */
function reportPath(flag: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const path = resolve(file);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    fail(`--${flag} ${path} is a folder, not a file: name the report file to write`);
  }
  return path;
}

/** Writes a report, creating its folder; exits 2 with one line when that fails. */
function writeReport(flag: string, path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    fail(
      `cannot write the --${flag} report to ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** --timeout in seconds as milliseconds (undefined: the suite's 5 minutes); exits 2 for a bad value. */
function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    fail(`--timeout must be a number of seconds > 0, got ${value}`);
  }
  return seconds * 1000;
}

/** The --only prefixes; exits 2 when they select no check (a typo would otherwise fail the adapter). */
function onlyPrefixes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const prefixes = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!allChecks.some((check) => prefixes.some((prefix) => check.id.startsWith(prefix)))) {
    const clauses = [...new Set(allChecks.map((check) => check.id))].join(', ');
    fail(`--only ${value} matches no check; clauses are ${clauses}`);
  }
  return prefixes;
}

/**
 * Errors the adapter raises outside any call the suite awaits (a promise it never handles, a throw
 * in a timer), each with the backend whose checks were running. They would otherwise crash the
 * process at an arbitrary point, or after a table that says CONFORMS.
 */
const strays: Array<{ backend: string | undefined; text: string }> = [];
let runningBackend: string | undefined;
let reported = false;

function collectStray(kind: string, error: unknown): void {
  const text = `${kind}: ${errorText(error)}`;
  if (reported) {
    console.error(`sparseout-conformance: after the run, ${text}`);
    process.exitCode = 1;
    return;
  }
  strays.push({ backend: runningBackend, text });
}

/** Marks the run failed for each stray error, on the backend that was running (else the last). */
function addStrays(result: ConformanceResult): void {
  if (strays.length === 0) return;
  for (const stray of strays) {
    const backend =
      result.backends.find((b) => b.backend === stray.backend) ?? result.backends[result.backends.length - 1];
    if (backend) backend.error = backend.error ? `${backend.error}; ${stray.text}` : stray.text;
  }
  result.ok = false;
}

async function main(): Promise<number> {
  process.on('unhandledRejection', (reason) => collectStray('unhandled rejection', reason));
  process.on('uncaughtException', (error) => collectStray('uncaught exception', error));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) fail(`expected one module, got ${positionals.length}\n${USAGE}`);
  const only = onlyPrefixes(values.only);
  const checkTimeoutMs = timeoutMs(values.timeout);
  const jsonPath = reportPath('json', values.json);
  const junitPath = reportPath('junit', values.junit);
  let candidate: unknown;
  try {
    candidate = await loadDefaultExport(positionals[0]);
  } catch (error) {
    fail(error instanceof LoadError ? error.message : String(error));
  }
  const problems = validateAdapter(candidate);
  if (problems.length > 0) {
    fail(
      `${positionals[0]}'s default export does not meet the adapter contract:\n  - ${problems.join('\n  - ')}`,
    );
  }
  const adapter = candidate as SparseoutAdapter;
  if (values.backend !== undefined && !adapter.backends.includes(values.backend)) {
    fail(
      `backend '${values.backend}' is not one of ${adapter.name}'s backends: ${adapter.backends.join(', ')}`,
    );
  }
  const interactive = process.stderr.isTTY;
  const result = await runConformance(adapter, {
    backend: values.backend,
    only,
    checkTimeoutMs,
    onProgress: (event) => {
      runningBackend = event.backend;
      if (interactive && event.status === undefined) {
        process.stderr.write(
          `\r\x1b[K[${event.backend}] ${event.index + 1}/${event.total} ${event.id} ${event.title}`.slice(
            0,
            120,
          ),
        );
      }
    },
  });
  // One turn of the event loop, so a rejection left unhandled by the last calls is reported here.
  await new Promise((resolve) => setImmediate(resolve));
  addStrays(result);
  reported = true;
  if (interactive) process.stderr.write('\r\x1b[K');
  console.log(formatTable(result, { verbose: values.verbose }));
  if (jsonPath) writeReport('json', jsonPath, formatJson(result));
  if (junitPath) writeReport('junit', junitPath, formatJunit(result));
  return result.ok ? 0 : 1;
}

/**
 * Exits with process.exitCode (which an error after the report may have raised to 1) once stdout
 * and stderr have taken everything written (pipes may be asynchronous).
 */
function exitAfterFlush(): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      backend: { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      only: { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error);
      process.exitCode = 2;
    },
  )
  // The run is over, however it ended: an adapter's timers, workers or handles left open (or a
  // hung call's) would otherwise keep the process, and a CI job, running forever.
  .finally(exitAfterFlush);
