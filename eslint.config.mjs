import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '**/lib/',
      'dist/',
      'coverage/',
      'scratch/',
      'docs/api/',
      'templates/worker-python/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: ['../../lib/*'] }],
    },
  },
  {
    // Tests walk synthesized manifests, whose shape is what they assert.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS loaded by cdk8s-cli (a local validation plugin) and by jest (its global setup).
    files: ['test/plugin-app/plugin.js', 'test/support/global-setup.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['cdk8s', 'constructs', '../*', '!./*'],
              message: 'runtime/ imports nothing from the rest of the library or npm.',
            },
          ],
        },
      ],
    },
  },
);
