/**
 * An error as the log may show it: its type, the driver's code and its message with the
 * connection string's secrets taken out. Never the error object itself: node-postgres errors and
 * clients carry the connection parameters (user, password, host, port, database).
 */
export function describeError(
  error: unknown,
  connectionString?: string,
): { type: string; code?: string; message: string } {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  return {
    type: typeof name === 'string' ? name : typeof error,
    ...(typeof code === 'string' ? { code } : {}),
    message: redactConnection(typeof message === 'string' ? message : String(error), connectionString),
  };
}

/** `text` without the connection string, or its user name or password, anywhere in it. */
export function redactConnection(text: string, connectionString?: string): string {
  if (!connectionString) return text;
  let out = text.split(connectionString).join('[connection string]');
  let url: URL | undefined;
  try {
    url = new URL(connectionString);
  } catch {
    return out;
  }
  const secrets = [
    [decodeURIComponent(url.password), '[password]'],
    [decodeURIComponent(url.username), '[user]'],
  ] as const;
  for (const [secret, mask] of secrets) {
    // Very short values would blank out ordinary words; they are not worth hiding either.
    if (secret.length >= 3)
      out = out.replace(new RegExp(`(?<!\\w)${escapeRegExp(secret)}(?!\\w)`, 'g'), mask);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
