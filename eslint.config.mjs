// ESLint flat config: typescript-eslint's type-aware rules, React hooks, and the folder rules that
// keep imports flowing one way (renderer → shared ← main; services never import electron).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      curly: ['error', 'multi-line', 'consistent'],
      'no-else-return': 'error',
      'prefer-template': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/src-main/**', '**/src-renderer/**', 'electron', 'node:*'],
          message: 'src-shared is pure: it imports nothing of main, renderer, Electron or Node.',
        },
      ]),
    },
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/web/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron'],
          message: 'Services and the CLI/web shells run on plain Node: never import electron.',
        },
        {
          group: ['**/src-renderer/**', '**/electron/**'],
          message: 'Main-side code does not import the renderer or the Electron shell.',
        },
      ]),
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: ['**/src-main/**', 'electron', 'node:*'],
          message: 'The renderer reaches the app only through window.api (src-shared/ipc.ts).',
        },
      ]),
    },
  },
);
