#!/usr/bin/env node
// Entry point of the `vanthu` command: runs the bundled CLI (`npm run build` produces daemon/bundle
// from daemon/dist; scripts/bundle-cli.mjs says why and how).
import { main } from '../bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
