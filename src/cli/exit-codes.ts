/** The bin's exit codes, one place for every command. */
export const EXIT_OK = 0;
/** Problems found, a Job failed, or an object was refused. */
export const EXIT_PROBLEMS = 1;
/** Bad usage, unreadable input, or an unusable kubeconfig. */
export const EXIT_USAGE = 2;
/** A wait that timed out. */
export const EXIT_TIMEOUT = 3;
/** A bug in cdk8s-batch itself (sysexits' EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;
