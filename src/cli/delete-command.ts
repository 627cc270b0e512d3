import type { Io } from './main';
import type { ClusterCliOptions } from './apply-command';
import type { DeleteResult } from '../apply/delete';
import type { KubeObject } from '../apply/kube-object';
import { clusterCommand, clusterOf } from './cluster-command';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes';
import { readManifests } from './read-manifests';

/** Options of `delete`. */
export interface DeleteCliOptions {
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

/** Where delete asks for confirmation: standard input, when it is a terminal. */
export interface Terminal {
  readonly isTTY: boolean;
  /** Prints `question` and resolves with the line typed (empty at end of input or Ctrl-C). */
  ask(question: string): Promise<string>;
}

const processTerminal: Terminal = {
  isTTY: process.stdin.isTTY === true,
  ask: async (question) => {
    const { createInterface } = await import('readline');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) => {
      let answer: string | undefined;
      rl.on('SIGINT', () => rl.close());
      rl.on('close', () => {
        if (answer === undefined) process.stderr.write('\n');
        resolve(answer ?? '');
      });
      rl.question(question, (line) => {
        answer = line;
        rl.close();
      });
    });
  },
};

const plural = (n: number) => `${n} object${n === 1 ? '' : 's'}`;

/** Lists `objects` on stdout and asks `Delete 3 objects? [y/N]`; only y or yes confirms. */
export async function confirmDeletion(
  objects: readonly string[],
  out: (line: string) => void,
  ask: Terminal['ask'],
): Promise<boolean> {
  for (const o of objects) out(o);
  const answer = await ask(`Delete ${plural(objects.length)}? [y/N] `);
  return /^\s*y(es)?\s*$/i.test(answer);
}

/** `40 objects: 38 deleted, 1 not found, 1 failed`, in the order the outcomes first occur. */
function summary(results: readonly DeleteResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return `${plural(results.length)}: ${[...counts].map(([a, n]) => `${n} ${a}`).join(', ')}`;
}

/**
 * `cdk8s-batch delete`: deletes what the manifests name, in the reverse of apply's order,
 * after a confirmation on a terminal (`--yes` skips it; without a terminal, `--yes` is needed).
 * Exit 0 when every object is deleted or was absent, 1 when one failed or the answer was no,
 * 2 for usage, unreadable input or an unusable kubeconfig.
 */
export async function runDelete(
  paths: string[],
  opts: ClusterCliOptions & DeleteCliOptions,
  io: Io,
  terminal: Terminal = processTerminal,
): Promise<number> {
  const { objects, errors } = readManifests(paths, io.stdin);
  for (const e of errors) io.err(`${e.file}: ${e.message}`);
  if (errors.length > 0) return EXIT_USAGE;
  if (objects.length === 0) {
    io.err(`error: no objects in ${paths.join(', ')} to delete`);
    return EXIT_USAGE;
  }
  const asking = !opts.yes && !opts.dryRun;
  if (asking && !terminal.isTTY) {
    io.err(
      `error: delete asks before deleting ${plural(objects.length)}, and standard input is not a terminal: pass --yes to delete without asking (--dry-run shows what would be deleted)`,
    );
    return EXIT_USAGE;
  }
  return clusterCommand(io, async () => {
    const { deleteObjects } = await import('../apply/delete');
    let confirmed = !asking;
    const results = await deleteObjects(
      objects.map((o) => o.object as unknown as KubeObject),
      {
        ...clusterOf(opts),
        dryRun: opts.dryRun,
        ...(asking
          ? {
              confirm: async (ids: readonly string[]) =>
                (confirmed = await confirmDeletion(ids, io.out, terminal.ask)),
            }
          : {}),
      },
    );
    if (!confirmed) {
      io.err('delete: cancelled, nothing deleted');
      return EXIT_PROBLEMS;
    }
    for (const r of results) {
      const dry = r.dryRun ? ' (server dry run)' : '';
      io.out(`${r.object} ${r.action}${dry}${r.message ? `: ${r.message}` : ''}`);
    }
    if (results.some((r) => r.action === 'failed' || r.action === 'skipped')) {
      io.err(`delete: ${summary(results)}`);
      return EXIT_PROBLEMS;
    }
    return EXIT_OK;
  });
}
