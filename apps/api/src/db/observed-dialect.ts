import type {
  AbortableOperationOptions,
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
} from 'kysely';

/** Sees every statement a Kysely instance runs, including `begin` and `commit`. */
export interface QueryObserver {
  /** Runs before a statement; what it throws is handled as the driver's own error (fault tests). */
  before(sql: string): void;
  succeeded(sql: string): void;
  failed(error: unknown): void;
}

/**
 * The dialect with its driver's connections observed. Kysely has no hook that sees failures and
 * successes alike, so each connection's `executeQuery` and `streamQuery` are wrapped once, the
 * way Kysely's own query logging does it; the driver gets the same connection object back.
 */
export function observedDialect(dialect: Dialect, observer: QueryObserver): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => observedDriver(dialect.createDriver(), observer),
  };
}

function observedDriver(driver: Driver, observer: QueryObserver): Driver {
  const observed = new WeakSet<DatabaseConnection>();
  return {
    init: (options) => driver.init(options),
    async acquireConnection(options) {
      let connection: DatabaseConnection;
      try {
        connection = await driver.acquireConnection(options);
      } catch (error) {
        // A pool that cannot connect fails here, before any statement.
        observer.failed(error);
        throw error;
      }
      if (!observed.has(connection)) {
        observed.add(connection);
        observe(connection, observer);
      }
      return connection;
    },
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
    rollbackToSavepoint: (connection, name, compile) =>
      driver.rollbackToSavepoint!(connection, name, compile),
    releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
    releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
    destroy: (options) => driver.destroy(options),
  };
}

function observe(connection: DatabaseConnection, observer: QueryObserver) {
  const executeQuery = connection.executeQuery;
  const streamQuery = connection.streamQuery;
  connection.executeQuery = async <R>(query: CompiledQuery, options?: AbortableOperationOptions) => {
    try {
      observer.before(query.sql);
      const result = await executeQuery.call<
        DatabaseConnection,
        [CompiledQuery, AbortableOperationOptions?],
        Promise<QueryResult<R>>
      >(connection, query, options);
      observer.succeeded(query.sql);
      return result;
    } catch (error) {
      observer.failed(error);
      throw error;
    }
  };
  connection.streamQuery = async function* (query, chunkSize, options) {
    try {
      observer.before(query.sql);
      yield* streamQuery.call(connection, query, chunkSize, options);
      observer.succeeded(query.sql);
    } catch (error) {
      observer.failed(error);
      throw error;
    }
  } as DatabaseConnection['streamQuery'];
}
