// ESLint flat config: typed rules (typescript-eslint's recommendedTypeChecked, with the type
// information of tsconfig.json), and the layers of src/ fenced off from each other, each fence with
// the reason it exists. test/unit/lintConfig.test.ts shows that each fence fails on a violation.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A fence: files matching `files` may not import the modules matched by `patterns`. */
const fence = (files, patterns, message, paths = []) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: patterns.length ? [{ group: patterns, message }] : [] }],
  },
});

/** The glue floors of src/, bottom first: a floor may import core, constants, services and the floors below it. */
const FLOOR_NAMES = ['platform', 'ui', 'connection', 'envFiles', 'keys', 'auth', 'views', 'editor', 'commands'];

/** One fence per floor: nothing above it, and (for platform, the bottom floor) not the services either. */
function floors(list) {
  return list.map(([name, job], i) => {
    const above = FLOOR_NAMES.slice(i + 1);
    const patterns = [...above.flatMap((f) => [`../${f}`, `../${f}/**`]), '../extension', '../features', ...(name === 'platform' ? ['../services'] : [])];
    return fence([`src/${name}/**/*.ts`], patterns, `src/${name} holds ${job}: it imports only from the floors below it (${FLOOR_NAMES.slice(0, i).join(', ') || 'core'}${i > 0 ? ', core' : ''}), never ${above.join(', ') || 'the entry'}.`);
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-host/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Ui, token getters and test stubs implement Promise-returning interfaces; an async method
      // without an await is how such an implementation answers at once.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // Tests put whatever they hold into assertion messages and read untyped JSON and console
    // arguments; the shipped code keeps these rules.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // The floors of src/ (CONTRIBUTING.md, Layout), each importing only from the floors below it:
  //   core < platform < ui < connection < envFiles < keys < auth < views < editor < commands < features.ts < extension.ts
  // services.ts and constants.ts are what everything shares. Later blocks for the same files replace
  // earlier ones' no-restricted-imports, so each block lists everything its files may not import.
  fence(['test/unit/**/*.ts'], [], 'Unit tests run in plain Node: test the glue inside a real VS Code (test/integration/).', ['vscode']),
  fence(
    ['src/core/**/*.ts'],
    ['../../*', '../../**'],
    'src/core is pure and imports only src/core: pass what it needs in.',
    ['vscode'],
  ),
  ...floors([
    ['platform', 'thin adapters over VS Code and Node, under everything that has a job'],
    ['ui', 'the questions the extension asks (quick inputs, messages, showError), for every room above'],
    ['connection', 'which host and token a request uses, and the clients for them'],
    ['envFiles', 'the workspace\'s .env files: the one index, targets, insertion'],
    ['keys', 'the held secret, remembered state, the journal, the keychain and the known keys'],
    ['auth', 'the Accounts provider, sign-in and its watcher'],
    ['views', 'the sidebar and the status bar show state; they run no commands and no editor feature'],
    ['editor', 'hover, Problems, quick fixes and masking; what it starts elsewhere is handed to it'],
    ['commands', 'one file per command, on everything below'],
  ]),
  {
    // The entry runs in every window with a `.env` file; what it imports is loaded there whether or
    // not the extension is used. Types from anywhere, values only from constants.ts and the probe for
    // what unfinished writes left.
    files: ['src/extension.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '../**', '!./constants', '!./envFiles', './envFiles/*', '!./envFiles/find'],
              allowTypeImports: true,
              message:
                'src/extension.ts is loaded in every window with a .env file: it imports values only from constants.ts (and envFiles/find for the leftover probe); the rest is reached through the features it loads on first need.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
