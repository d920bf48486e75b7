// `npm run lint`: type-checked lint of everything we write (src/, test/, bench/, scripts/, esbuild.js).
// Runs in `pretest`, so `npm test` fails before any host starts when a rule is broken.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, the downloaded test host, demo scratch and the demo workspace (sample user code, not ours).
  { ignores: ['dist/', 'out/', 'bench/out/', 'test-host/', '.demo/', '.test-runs/', 'demo/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers the .ts files; the few plain-JS build scripts get the default project,
        // so `tsc --noEmit -p .` stays as strict as it is.
        projectService: { allowDefaultProject: ['esbuild.js', 'scripts/*.js', 'eslint.config.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Inline `type` markers, the style the code already uses (`import { a, type B }`).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: 'error',
      // `const { dropped: _, ...rest } = o` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Handing on what was caught is fine; inventing a non-Error reason is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  // The build scripts are plain CommonJS run by Node: require() is their module system, and JSDoc types them.
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The core runs outside VS Code (unit tests, bench, stand-in): it must never reach for the editor API.
  {
    files: ['src/chat/**'],
    rules: { 'no-restricted-imports': ['error', { name: 'vscode', message: 'src/chat/ never imports vscode.' }] },
  },
);
