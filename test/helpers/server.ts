// A real server process (src/server/main.ts through tsx) on a test database, for the tests that
// need what app.inject cannot show: signals, sockets refused, several processes on one database.
// It listens on a free port (PORT=0) and prints "Birgemiz listening on URL", which tells the port.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import http from 'node:http';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Role } from '../../src/domain/policy.ts';
import { createSession, SESSION_COOKIE } from '../../src/modules/users/sessions.ts';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when its output matches `re` (at least `count` times). */
  waitForOutput(re: RegExp, count?: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code when the process has ended. */
  exited: Promise<number | null>;
  /** False once the process has ended. */
  running(): boolean;
  /** Sends SIGTERM and waits for the exit; SIGKILL when it has not ended within `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BIRGEMIZ_SKIP_WEB_BUILD: '1',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  async function waitForOutput(re: RegExp, count = 1, timeoutMs = 60_000): Promise<void> {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    const started = Date.now();
    while ((text.match(global)?.length ?? 0) < count) {
      if (ended) throw new Error(`server ended before printing ${re}:\n${text}`);
      if (Date.now() - started > timeoutMs) throw new Error(`server did not print ${re}:\n${text}`);
      await sleep(25);
    }
  }

  await waitForOutput(/Birgemiz listening on http:\/\/[^\s]+/, 1, 90_000);
  const url = /Birgemiz listening on (http:\/\/[^\s]+)/.exec(text)?.[1] as string;
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid as number,
    output: () => text,
    waitForOutput,
    exited,
    running: () => !ended,
    async stop(graceMs = 20_000) {
      if (!ended) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): any;
}

/** One request on a connection of its own (no keep-alive), the body sent whole. */
export function request(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpAnswer> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      {
        method,
        agent: false,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...opts.headers,
        },
      },
      (res) => answer(res, resolve, reject),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function answer(
  res: http.IncomingMessage,
  resolve: (a: HttpAnswer) => void,
  reject: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('error', reject);
  res.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
  });
}

/** A cheap stored hash in the application's format (see helpers/app.ts): the real sign-in path. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export interface Account {
  id: number;
  email: string;
  password: string;
  /** Cookie and CSRF headers of a session made directly in the database. */
  headers: Record<string, string>;
}

/** An account of the role, made directly in the database, with a session. */
export async function makeAccount(
  db: Kysely<DB>,
  role: Role,
  region: string | null = null,
): Promise<Account> {
  const email = `${role}-${randomBytes(4).toString('hex')}@test.kz`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const { id } = await db
    .insertInto('app_user')
    .values({
      email,
      password_hash: cheapHash(password),
      role,
      region,
      organization_id: null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await createSession(db, id);
  return {
    id,
    email,
    password,
    headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
  };
}
