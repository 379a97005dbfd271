import type { Logger } from 'pino';
import type { CompileBudget, CompileBudgetSettings } from '../compile/budget';
import type { CompilePool } from '../compile/pool';
import type { Config } from '../config';
import type { Store } from '../db/store';
import type { TokenRecord } from '../db/tokens';
import type { FeasibilityJobs } from '../feasibility/jobs';
import type { ProtocolCache } from '../screening/cache';

/** What `createApp` needs from outside; tests pass their own. */
export interface Deps {
  readonly store: Store;
  readonly logger: Logger;
  readonly config: Pick<
    Config,
    'bodyLimit' | 'batchBuffer' | 'rateLimit' | 'addressRateLimit' | 'webOrigins' | 'webDir' | 'docsDir'
  > &
    Partial<Pick<Config, 'bulkDir' | 'feasibilityJobs'>>;
  readonly cache?: ProtocolCache;
  /** How long a batch client may read nothing while its unread body waits (30 s); tests shorten it. */
  readonly batchStallMs?: number;
  /** Where criteria text from requests is compiled; by default a pool with the default budgets. */
  readonly compiler?: CompilePool;
  /** Compile work per token; by default `DEFAULT_COMPILE_PER_TOKEN`. */
  readonly compilePerToken?: CompileBudgetSettings;
  /** Feasibility runs; by default in this process's memory, `config.feasibilityJobs` at once. */
  readonly feasibility?: FeasibilityJobs;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: TokenRecord | undefined;
    deps: Deps & {
      cache: ProtocolCache;
      forgetTokens: () => void;
      compiler: CompilePool;
      compileBudget: CompileBudget;
      feasibility: FeasibilityJobs;
    };
  };
}
