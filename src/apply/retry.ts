/** What an API error says about retrying it. */
function retryDelayMs(error: unknown, attempt: number): number | undefined {
  const e = error as {
    code?: number | string;
    headers?: Record<string, string>;
    cause?: { code?: string };
  };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const network = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(
    String(e.cause?.code ?? e.code ?? ''),
  );
  if (!(status === 429 || (status !== undefined && status >= 500) || network)) return undefined;
  const retryAfter = Number(e.headers?.['retry-after'] ?? e.headers?.['Retry-After']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter, 30) * 1000;
  return Math.min(100 * 2 ** attempt, 5000);
}

/** Runs `request`, retrying 429 (after Retry-After), 5xx and dropped connections with backoff. */
export async function withRetry<T>(request: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (e) {
      const delay = retryDelayMs(e, attempt);
      if (delay === undefined || attempt + 1 >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
