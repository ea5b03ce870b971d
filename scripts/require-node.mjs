// Fails fast when an npm script runs on a Node older than the project needs. `npm install`
// puts Node 24 (the `node` devDependency) first on every npm script's PATH; this guard
// catches the cases where that did not happen (`npm install --ignore-scripts`, or a script
// run by hand with the system Node).
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  console.error(
    `[login-mock] Node ${process.versions.node} is too old: this project needs Node ${REQUIRED_MAJOR} or newer.\n` +
      "  Run `npm install` (it installs Node 24 into node_modules/.bin; approve its install script if npm asks),\n" +
      "  then run the command through npm (`npm test`, `npm start`) so that Node comes first on PATH.",
  );
  process.exit(1);
}
