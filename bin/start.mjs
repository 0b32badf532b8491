#!/usr/bin/env node
// `npm start`: builds the web application when its sources are newer than the build, then starts
// the server (which creates, migrates and loads the demo data into an empty database).
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
