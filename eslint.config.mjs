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
  // The layers of src/ (README, Layout). Later blocks for the same files replace earlier ones'
  // no-restricted-imports, so each block lists everything its files may not import.
  fence(['test/unit/**/*.ts'], [], 'Unit tests run in plain Node: test the glue inside a real VS Code (test/integration/).', ['vscode']),
  fence(
    ['src/core/**/*.ts'],
    ['**/platform/**', '**/ui/**', '**/commands/**', '**/views/**', '**/dotenvFiles/**', '**/auth/**', '**/services', '**/connection', '**/extension', '**/signInWatcher', '**/secretSession', '**/state'],
    'src/core is pure and imports only src/core: pass what it needs in.',
    ['vscode'],
  ),
  fence(
    ['src/platform/**/*.ts'],
    ['**/commands/**', '**/views/**', '**/dotenvFiles/**', '**/ui/**', '**/services', '**/connection', '**/extension', '**/signInWatcher'],
    'src/platform holds thin adapters over VS Code and Node: it imports no commands, views, flows (dotenvFiles, ui, connection) or services.',
  ),
  fence(
    ['src/views/**/*.ts'],
    ['**/commands/**', '**/extension'],
    'src/views show state; they run no commands (a view item names its command id from constants.ts instead).',
  ),
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
