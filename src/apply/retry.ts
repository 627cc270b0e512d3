import { formatDuration } from './duration';

const NETWORK_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
];

/** The network error code (ECONNREFUSED, ETIMEDOUT...) when the server never answered. */
export function networkErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = String(e?.cause?.code ?? e?.code ?? '');
  return NETWORK_CODES.includes(code) ? code : undefined;
}

/** How many times a request that gets no answer at all is tried (others: up to 6). */
export const TIMEOUT_ATTEMPTS = 3;

/** What an API error says about retrying it. */
function retryDelayMs(error: unknown, attempt: number): number | undefined {
  const e = error as { code?: number | string; headers?: Record<string, string> };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const network = networkErrorCode(error);
  if (!(status === 429 || (status !== undefined && status >= 500) || network)) return undefined;
  // A server that does not answer at all is asked fewer times: each try costs a full timeout.
  if (network === 'ETIMEDOUT' && attempt + 1 >= TIMEOUT_ATTEMPTS) return undefined;
  const retryAfter = Number(e.headers?.['retry-after'] ?? e.headers?.['Retry-After']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter, 30) * 1000;
  return Math.min(100 * 2 ** attempt, 5000);
}

/** How long one request may go without an answer before it counts as a dropped connection. */
export const REQUEST_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`no answer within ${formatDuration(ms)}`), { code: 'ETIMEDOUT' }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `request` with a timeout, retrying 429 (after Retry-After), 5xx, timeouts and
 * dropped connections with backoff.
 */
export async function withRetry<T>(
  request: () => Promise<T>,
  attempts = 6,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTimeout(request(), timeoutMs);
    } catch (e) {
      const delay = retryDelayMs(e, attempt);
      if (delay === undefined || attempt + 1 >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
