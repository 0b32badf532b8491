// Moved to reports.schemas.ts (the module's contract); kept while the web and
// test/aggregates.test.ts still import from here.
export * from './reports.schemas.ts';
