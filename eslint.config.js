// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import boundaries of DESIGN.md §3, enforced rather than hoped for. */
const boundary = (files, patterns, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group: patterns, message, allowTypeImports: false }] },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'out',
      'coverage',
      'test-results',
      'playwright-report',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  boundary(
    ['src/shared/**'],
    ['**/main/**', '**/renderer/**', 'electron', 'node:*', 'better-sqlite3', 'react', 'react-dom'],
    'src/shared imports nothing of ours and no node, electron or DOM modules (DESIGN §3).',
  ),
  boundary(
    ['src/main/core/**'],
    ['electron', '**/shell/**', '**/renderer/**', '**/preview/**'],
    'core is plain Node: no runtime electron, shell, renderer or preview imports (DESIGN §3).',
  ),
  boundary(
    ['src/main/shell/**', 'src/main/index.ts', 'src/main/preload.ts'],
    ['**/preview/**', '**/tests/**', '**/renderer/**'],
    'the packaged app never includes the preview transport or test code (DESIGN §1).',
  ),
  boundary(
    ['src/renderer/**'],
    ['**/main/**', 'electron', 'node:*', 'better-sqlite3'],
    'the renderer imports only src/shared and its own files (DESIGN §3).',
  ),
);
