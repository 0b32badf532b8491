// Every feature module registers its own routes from src/modules/<feature>/<feature>.routes.ts
// (a default-exported Fastify plugin). Discovered rather than listed so that features stay
// independent: adding one touches only its own folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'modules');

export function routeModules(): string[] {
  return fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      fs
        .readdirSync(path.join(modulesDir, d.name))
        .filter((f) => f.endsWith('.routes.ts'))
        .map((f) => path.join(modulesDir, d.name, f)),
    )
    .sort();
}

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  for (const file of routeModules()) {
    const mod = (await import(file)) as { default: (app: FastifyInstance) => Promise<void> };
    await app.register(mod.default);
  }
}
