#!/usr/bin/env node
// Entry point of the `vanthu` command: runs the compiled CLI (npm run build produces daemon/dist).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
