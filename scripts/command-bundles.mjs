// One esbuild entry per file in src/commands/: `src/commands/<name>.ts` exports `register<Name>`, and its
// bundle (dist/command-<name>.js, beside the others so that ./prompts.js and ./chrono.js resolve alike) runs
// the command line with that command alone. Shared by scripts/build.mjs and the build test.

/** "shell-init" → "registerShellInit" */
export const registerName = (name) => `register${name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;

/** Commander loads child_process for git-style executable subcommands, which connect has none of: load it on first use. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/')
        ? { path: 'child_process', namespace: 'connect-lazy' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'connect-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/** A command's bundle: the shared runner with just that command registered. */
const commandEntries = {
  name: 'command-entries',
  setup(build) {
    build.onResolve({ filter: /^connect-command:/ }, (args) => ({
      path: args.path.slice('connect-command:'.length),
      namespace: 'connect-command',
    }));
    build.onLoad({ filter: /.*/, namespace: 'connect-command' }, (args) => ({
      contents: `import { run } from './src/cli';\nimport { ${registerName(args.path)} } from './src/commands/${args.path}';\nvoid run([${registerName(args.path)}]);\n`,
      loader: 'ts',
      resolveDir: process.cwd(),
    }));
  },
};

/** `files`: the names in src/commands/. The nudge keeps its own, lighter bundle (dist/nudge.js). */
export function commandBundles(files) {
  const names = files
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3))
    .filter((name) => name !== 'nudge')
    .sort();
  const entryPoints = Object.fromEntries(names.map((name) => [`command-${name}`, `connect-command:${name}`]));
  return { names, entryPoints, plugins: [commandEntries, lazyChildProcess] };
}
