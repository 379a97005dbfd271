import type { Context } from 'hono';
import type { AppEnv } from '../http/env';
import { clientAddress } from '../http/rate-limit';
import type { Compiled } from './pool';

/**
 * Compiles criteria text from a request on the compile pool, counted against the token's compile
 * budget: the one way a route compiles text it was sent (or stored for an author).
 */
export async function compileCriteria(c: Context<AppEnv>, text: string, name: string): Promise<Compiled> {
  const { compiler, compileBudget } = c.var.deps;
  const charge = compileBudget.admit(c.var.principal?.id ?? `address ${clientAddress(c)}`);
  let spent = 0;
  try {
    return await compiler.compile(text, name, (ms) => {
      spent = ms;
    });
  } finally {
    charge(spent);
  }
}
