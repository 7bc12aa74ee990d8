// `npm install ./bindings/node` from another project: npm links this folder and runs this
// script in it. Build the addon and the JavaScript layer when they are not built yet (a
// fresh clone). Installing inside this folder (`npm install`, `npm ci`) skips it: there,
// `npm run build` is the documented next step.
"use strict";
const { execSync } = require("node:child_process");
const { existsSync, readdirSync, realpathSync } = require("node:fs");
const { join } = require("node:path");

const root = realpathSync(join(__dirname, ".."));
const from = process.env.INIT_CWD ? realpathSync(process.env.INIT_CWD) : root;
const built =
  existsSync(join(root, "lib", "index.js")) &&
  existsSync(join(root, "binding.js")) &&
  readdirSync(root).some((f) => f.endsWith(".node"));
if (from !== root && !built) {
  console.error("azaudit: building the native addon (cargo, release; a few minutes the first time)");
  const run = (cmd) => execSync(cmd, { cwd: root, stdio: "inherit" });
  run("npm install --include=dev --ignore-scripts --no-audit --no-fund");
  run("npm run build");
}
