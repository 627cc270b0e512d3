#!/usr/bin/env node
/**
 * The `cdk8s-batch` bin: `check` lints any batch/v1 YAML with the library's rules,
 * `schedule` prints every CronJob's next runs in its zone, `apply`, `wait` and `run-now`
 * put manifests on a cluster and follow their Jobs, `diff` and `delete` compare them with it
 * and take them off, `init` starts an app.
 * Exit codes: 0 clean, 1 problems found (or a Job failed), 2 bad usage, unreadable input or
 * an unusable kubeconfig, 3 a wait that timed out, 70 a bug in cdk8s-batch itself.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  NEWEST_KNOWN_VERSION,
  OLDEST_SUPPORTED_VERSION,
  KubernetesVersion,
  minorOf,
} from '../validation/versions';
import { RELAXABLE_RULES } from '../validation/relaxable';
import { EXIT_INTERNAL } from './exit-codes';
import { parseDuration } from '../apply/duration';
import { REPORT_FORMATS, ReportFormat } from './report/writer';
import type { ApplyCliOptions, ClusterCliOptions } from './apply-command';
import type { CheckCliOptions } from './check-command';
import type { DeleteCliOptions } from './delete-command';

// Each command's code is loaded when that command runs, so `--help` and a small `check` start
// fast: only commander and this file load up front.

/** Where the CLI writes; tests pass their own. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly stdin?: () => string;
  /** Whether output goes to a terminal (live progress bars) rather than a log. @default false */
  readonly isTTY?: boolean;
}

function targetVersion(value: string): KubernetesVersion {
  const minor = minorOf(value);
  const oldest = minorOf(OLDEST_SUPPORTED_VERSION) as number;
  const newest = minorOf(NEWEST_KNOWN_VERSION) as number;
  if (minor === undefined || minor < oldest || minor > newest) {
    throw new InvalidArgumentError(
      `expected a Kubernetes version from ${OLDEST_SUPPORTED_VERSION} to ${NEWEST_KNOWN_VERSION}, e.g. 1.30`,
    );
  }
  return `1.${minor}`;
}

export { EXIT_INTERNAL } from './exit-codes';

function reportFormat(value: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${REPORT_FORMATS.join(', ')}`);
  }
  return value as ReportFormat;
}

function allowList(value: string, previous: string[]): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) {
    if ((RELAXABLE_RULES as readonly string[]).includes(id)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only to explain a refusal
    const checkCommand = require('./check-command') as typeof import('./check-command');
    throw new InvalidArgumentError(checkCommand.allowRefusal(id, RELAXABLE_RULES));
  }
  return [...previous, ...ids];
}

function podSecurityLevel(value: string): 'restricted' {
  if (value !== 'restricted') throw new InvalidArgumentError('expected restricted');
  return value;
}

function positiveCount(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < 1 || n > 1000) {
    throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  }
  return n;
}

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new InvalidArgumentError('expected a duration such as 90s, 30m, 2h or 1h30m');
  }
  return ms;
}

function instant(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError('expected an ISO 8601 time, e.g. 2026-11-23T00:00:00Z');
  }
  return d;
}

/** Runs the CLI on `argv` (without node and the script); resolves with the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = new Command('cdk8s-batch')
    .description('Checks and explains Kubernetes batch/v1 Jobs and CronJobs')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });

  program
    .command('check')
    .description(
      'check every Job and CronJob in YAML files or folders (- for stdin) with the cdk8s-batch rules',
    )
    .argument('[paths...]', 'files or folders of manifests, or - for standard input', ['dist'])
    .option('--format <format>', `${REPORT_FORMATS.join(', ')}`, reportFormat, 'text')
    .option(
      '--target-version <version>',
      'the Kubernetes release to check for',
      targetVersion,
      NEWEST_KNOWN_VERSION,
    )
    .option(
      '--allow <rules>',
      `reviewer rules to relax, comma-separated (${RELAXABLE_RULES.join(', ')})`,
      allowList,
      [],
    )
    .option(
      '--pod-security <level>',
      'check the Pod Security profile on every object (restricted); by default only where a Namespace in the input enforces it',
      podSecurityLevel,
    )
    .action(async (paths: string[], opts: CheckCliOptions) => {
      code = (await import('./check-command')).runCheck(paths, opts, io);
    });

  program
    .command('schedule')
    .description("print every CronJob's next runs in its time zone")
    .argument('[paths...]', 'files or folders of manifests, or - for standard input', ['dist'])
    .option('--count <n>', 'runs per CronJob', positiveCount, 5)
    .option('--from <time>', 'list runs after this time', instant)
    .option('--format <format>', 'text or json', 'text')
    .action(async (paths: string[], opts: { count: number; from?: Date; format: string }) => {
      code = (await import('./schedule')).runSchedule(paths, opts, io);
    });

  /** The options of every command that talks to a cluster; `--timeout` where it waits for Jobs. */
  const clusterOptions = (c: Command, waits = true) => {
    c.option('--context <name>', 'the kubeconfig context')
      .option('--server <url>', 'an API server URL instead of the kubeconfig (no credentials)')
      .option('-n, --namespace <name>', 'the namespace of objects that set none');
    if (waits) {
      c.addOption(
        new Option('--timeout <duration>', 'how long --wait / wait may take, e.g. 30m, 90s, 1h30m')
          .argParser(duration)
          .default(30 * 60_000, '30m'),
      );
    }
    return c.addOption(
      new Option(
        '--request-timeout <duration>',
        'how long one API request (or a quiet watch) may go unanswered before it is retried',
      )
        .argParser(duration)
        .default(30_000, '30s'),
    );
  };

  clusterOptions(
    program
      .command('apply')
      .description(
        'server-side apply manifests (field manager cdk8s-batch), optionally waiting for the Jobs',
      )
      .argument('[paths...]', 'files or folders of manifests, or - for standard input', ['dist']),
  )
    .option('--dry-run <mode>', 'server or client')
    .option('--wait', 'follow the Jobs until Complete or Failed')
    .option('--force-conflicts', 'take over fields another field manager owns')
    .option('--recreate-finished-jobs', 'delete and recreate a finished Job whose spec changed')
    .action(async (paths: string[], opts: ClusterCliOptions & ApplyCliOptions) => {
      code = await (await import('./apply-command')).runApply(paths, opts, io);
    });

  clusterOptions(
    program
      .command('diff')
      .description(
        'show what apply would change: each object created, unchanged or changed, with the fields (exit 1 when anything differs)',
      )
      .argument('[paths...]', 'files or folders of manifests, or - for standard input', ['dist']),
    false,
  ).action(async (paths: string[], opts: ClusterCliOptions) => {
    code = await (await import('./diff-command')).runDiff(paths, opts, io);
  });

  clusterOptions(
    program
      .command('delete')
      .description(
        'delete the objects the manifests name, in the reverse of apply order, after asking',
      )
      .argument('<paths...>', 'files or folders of manifests, or - for standard input'),
    false,
  )
    .option('--yes', 'delete without asking')
    .option('--dry-run', 'have the server check each deletion (dryRun=All), deleting nothing')
    .action(async (paths: string[], opts: ClusterCliOptions & DeleteCliOptions) => {
      code = await (await import('./delete-command')).runDelete(paths, opts, io);
    });

  clusterOptions(
    program
      .command('wait')
      .description('follow the Jobs in the manifests until each is Complete or Failed')
      .argument('[paths...]', 'files or folders of manifests, or - for standard input', ['dist']),
  ).action(async (paths: string[], opts: ClusterCliOptions) => {
    code = await (await import('./apply-command')).runWait(paths, opts, io);
  });

  clusterOptions(
    program
      .command('run-now')
      .description(
        "create a Job from a CronJob's template now (like kubectl create job --from=cronjob/NAME)",
      )
      .argument('<cronjob>', 'the CronJob name'),
  )
    .option('--wait', 'follow the Job until Complete or Failed')
    .action(async (name: string, opts: ClusterCliOptions & { wait?: boolean }) => {
      code = await (await import('./apply-command')).runNowCommand(name, opts, io);
    });

  program
    .command('init')
    .description('create a cdk8s app with cdk8s-batch, a snapshot test and an indexed worker')
    .argument('[dir]', 'an empty or new folder', '.')
    .action(async (dir: string) => {
      try {
        const { initApp, nextSteps } = await import('./init');
        const files = initApp(dir);
        io.out(`created ${files.length} files in ${dir}: ${files.join(', ')}`);
        io.out(`next: ${nextSteps(dir)}`);
      } catch (e) {
        io.err(`error: ${(e as Error).message}`);
        code = 2;
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const exitCode = (e as { exitCode?: number }).exitCode;
    if (exitCode === undefined) throw e;
    return exitCode === 0 ? 0 : 2;
  }
  return code;
}

/**
 * Lines gathered into writes of about 64 KiB (a write per finding costs a system call each),
 * written at the latest when the event loop next turns, so a waiting command's lines still
 * appear as they happen.
 */
function bufferedLines(write: (text: string) => void): {
  line: (l: string) => void;
  flush: () => void;
} {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    line: (l) => {
      pending += `${l}\n`;
      if (pending.length >= 65536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** Exits once everything written to stdout and stderr has reached them (a pipe drains slowly). */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module) {
  // `cdk8s-batch check dist | head` closes the pipe early: stop quietly, keep the exit code.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const stdout = bufferedLines((text) => process.stdout.write(text));
  run(process.argv.slice(2), {
    isTTY: process.stdout.isTTY === true,
    out: stdout.line,
    err: (line) => {
      stdout.flush();
      process.stderr.write(`${line}\n`);
    },
  }).then(
    // apply and wait leave watch connections behind; the answer is known, so leave now.
    (code) => {
      stdout.flush();
      exitWhenWritten(code);
    },
    (e: unknown) => {
      stdout.flush();
      process.stderr.write(
        `cdk8s-batch: internal error, a bug in cdk8s-batch (please report it): ${(e as Error)?.stack ?? e}\n`,
      );
      exitWhenWritten(EXIT_INTERNAL);
    },
  );
}
