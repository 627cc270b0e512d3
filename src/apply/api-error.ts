/** What an error from @kubernetes/client-node says: the HTTP status and the server's message. */

/** The HTTP status of an API error, when the server answered. */
export function statusCodeOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** The API server's message (from its Status body), else the error's own message. */
export function statusMessageOf(e: unknown): string {
  const body = (e as { body?: unknown }).body;
  try {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    if (parsed && typeof parsed === 'object' && 'message' in parsed) return String(parsed.message);
  } catch {
    /* not JSON */
  }
  return (e as Error).message;
}
