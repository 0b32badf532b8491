// An import runs for seconds to minutes, and on SQLite every query of it runs synchronously
// (better-sqlite3), its awaits continuing as microtasks: a run of queries, such as the refresh of
// the aggregates of a few hundred months at the end, held the event loop for seconds, every
// request of the server waiting. The import pauses between chunks, and its queries give way now
// and then, so that other requests are served in between.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Lets the event loop run whatever is waiting (I/O, timers) before going on. */
export const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest run of queries between two pauses. */
const SLICE_MS = 20;

/** A Kysely plugin: after a query, a pause when the last one is more than SLICE_MS ago. */
export class QueryPauses implements KyselyPlugin {
  private last = performance.now();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (performance.now() - this.last > SLICE_MS) {
      await pause();
      this.last = performance.now();
    }
    return args.result;
  }
}
