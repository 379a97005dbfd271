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
});
