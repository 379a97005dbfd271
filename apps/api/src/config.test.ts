import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('runs one server process unless ELIGO_WORKERS says more', () => {
    expect(readConfig({}).workers).toBe(1);
    expect(readConfig({ ELIGO_WORKERS: '0' }).workers).toBe(1);
    expect(readConfig({ ELIGO_WORKERS: '3' }).workers).toBe(3);
    expect(() => readConfig({ ELIGO_WORKERS: 'two' })).toThrow(
      new ConfigError("ELIGO_WORKERS must be a non-negative integer, got 'two'"),
    );
  });

  it('limits requests without a valid token per address and reads batches 64 MiB ahead by default', () => {
    expect(readConfig({})).toMatchObject({ addressRateLimit: 10, batchBuffer: 64 * 1024 * 1024 });
    expect(readConfig({ ELIGO_ADDRESS_RATE_LIMIT: '0', ELIGO_BATCH_BUFFER: '1' })).toMatchObject({
      addressRateLimit: 0,
      batchBuffer: 64 * 1024,
    });
  });
});
