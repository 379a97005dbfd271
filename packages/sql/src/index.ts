/** @eligo/sql: population feasibility on SQL engines. */
export {};
