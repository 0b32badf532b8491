// When `npm start` rebuilds the web application: a missing build or any source newer than it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebBuild, webBuildIsFresh } from './web-build.ts';

describe('web build freshness', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    delete process.env.BIRGEMIZ_SKIP_WEB_BUILD;
  });
  const fakeRoot = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-webbuild-'));
    dirs.push(root);
    fs.mkdirSync(path.join(root, 'src/web/features'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src/i18n'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/web/features/a.tsx'), 'x');
    fs.writeFileSync(path.join(root, 'src/i18n/kk.json'), '{}');
    return root;
  };
  const touch = (file: string, secondsAgo: number) => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(file, t, t);
  };

  it('is stale without a build, fresh after one, stale again when a source or catalogue changes', () => {
    const root = fakeRoot();
    expect(webBuildIsFresh(root)).toBe(false);
    fs.mkdirSync(path.join(root, 'dist/web'), { recursive: true });
    const index = path.join(root, 'dist/web/index.html');
    fs.writeFileSync(index, '<!doctype html>');
    touch(path.join(root, 'src/web/features/a.tsx'), 60);
    touch(path.join(root, 'src/i18n/kk.json'), 60);
    touch(index, 30);
    expect(webBuildIsFresh(root)).toBe(true);
    touch(path.join(root, 'src/i18n/kk.json'), 0);
    expect(webBuildIsFresh(root)).toBe(false);
  });

  it('BIRGEMIZ_SKIP_WEB_BUILD=1 serves what exists without building', async () => {
    const root = fakeRoot();
    process.env.BIRGEMIZ_SKIP_WEB_BUILD = '1';
    expect(await ensureWebBuild(root)).toBeUndefined();
    fs.mkdirSync(path.join(root, 'dist/web'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist/web/index.html'), '<!doctype html>');
    touch(path.join(root, 'dist/web/index.html'), 600);
    expect(await ensureWebBuild(root)).toBe(path.join(root, 'dist/web'));
  });
});
