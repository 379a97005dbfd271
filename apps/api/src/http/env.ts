import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Store } from '../db/store';
import type { TokenRecord } from '../db/tokens';
import type { ProtocolCache } from '../screening/cache';

/** What `createApp` needs from outside; tests pass their own. */
export interface Deps {
  readonly store: Store;
  readonly logger: Logger;
  readonly config: Pick<
    Config,
    'bodyLimit' | 'batchBuffer' | 'rateLimit' | 'addressRateLimit' | 'webOrigins' | 'webDir' | 'docsDir'
  >;
  readonly cache?: ProtocolCache;
  /** How long a batch client may read nothing while its unread body waits (30 s); tests shorten it. */
  readonly batchStallMs?: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: TokenRecord | undefined;
    deps: Deps & { cache: ProtocolCache; forgetTokens: () => void };
  };
}
