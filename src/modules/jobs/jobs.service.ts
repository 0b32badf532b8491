// The job runner: every server runs one, and the `jobs` table decides which server runs a due job.
// Each poll a runner tries to claim every due job (jobs.repository.ts claimJob: one conditional
// UPDATE), runs the ones it got one after the other, and releases them. A due time is consumed by
// the claim, before the run: a job runs at most once per due time however many servers poll, and a
// server that dies mid-run loses that run (its lease expires; the job runs again when next due)
// rather than having it repeated by another server.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../../db/connection.ts';
import { claimJob, ensureJobRows, finishJob } from './jobs.repository.ts';

export interface JobDefinition {
  name: string;
  /** From one run's claim to the next due time, in milliseconds. */
  everyMs: number;
  run(database: Database, now: Date): Promise<void>;
}

/** Pino's shape (the server passes app.log); the tests pass a silent one. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  /** How often due jobs are looked for (default one minute). */
  pollMs?: number;
  /** How long a claim holds when its server stops answering mid-run (default 15 minutes). */
  leaseMs?: number;
  /** This runner's name in the lease (default host, process id and a random part). */
  owner?: string;
  log?: JobLogger;
  now?: () => Date;
}

const silent: JobLogger = { info() {}, error() {} };

export class JobRunner {
  readonly owner: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly log: JobLogger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private ensured = false;

  constructor(
    private readonly database: Database,
    private readonly jobs: readonly JobDefinition[],
    opts: JobRunnerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 60_000;
    this.leaseMs = opts.leaseMs ?? 15 * 60_000;
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.log = opts.log ?? silent;
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Polls once now and then every pollMs until stop(). The first poll adds new jobs' rows, due at
   * once; the promise is that poll's (the jobs it ran), for those who want to wait for it.
   */
  start(): Promise<string[]> {
    return this.poll();
  }

  private poll(): Promise<string[]> {
    if (this.stopped) return Promise.resolve([]);
    const tick = this.tick();
    this.running = tick.finally(() => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.poll(), this.pollMs);
      // A pending poll alone does not keep the process alive.
      this.timer.unref();
    });
    return tick;
  }

  /** Runs every job that is due and that this runner claims; the names of those it ran. */
  async tick(): Promise<string[]> {
    const ran: string[] = [];
    if (!this.ensured) {
      try {
        const names = this.jobs.map((j) => j.name);
        await ensureJobRows(this.database.db, names, this.now().toISOString());
        this.ensured = true;
      } catch (err) {
        this.log.error({ err }, 'could not add the rows of the scheduled jobs');
        return ran;
      }
    }
    for (const job of this.jobs) {
      if (this.stopped) break;
      if (await this.runIfClaimed(job)) ran.push(job.name);
    }
    return ran;
  }

  private async runIfClaimed(job: JobDefinition): Promise<boolean> {
    const now = this.now();
    let claimed: boolean;
    try {
      claimed = await claimJob(this.database.db, {
        name: job.name,
        owner: this.owner,
        now: now.toISOString(),
        nextDue: new Date(now.getTime() + job.everyMs).toISOString(),
        leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      });
    } catch (err) {
      // The database may be away for a moment: try again at the next poll.
      this.log.error({ err, job: job.name }, 'could not claim a scheduled job');
      return false;
    }
    if (!claimed) return false;
    let error: string | null = null;
    try {
      await job.run(this.database, now);
      this.log.info({ job: job.name, owner: this.owner }, 'scheduled job ran');
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.log.error({ err, job: job.name }, 'scheduled job failed');
    }
    try {
      await finishJob(this.database.db, {
        name: job.name,
        owner: this.owner,
        now: this.now().toISOString(),
        error,
      });
    } catch (err) {
      // The lease then expires by itself.
      this.log.error({ err, job: job.name }, 'could not release a scheduled job');
    }
    return true;
  }

  /** Stops polling and resolves when the job running now (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
