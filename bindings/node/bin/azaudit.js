#!/usr/bin/env node
// The `azaudit` command (`npx azaudit`, or on PATH after `npm install -g`): the Rust command
// line itself, run in this process through the native addon, so its options, output and exit
// statuses are the `azaudit` binary's.
"use strict";
const { runCommand } = require("../binding.js");

process.exitCode = runCommand(process.argv.slice(2));
