import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  { ignores: ['node_modules/**', '.next/**', '.data/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Pages and components never talk to the database directly (STYLE.md).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@/lib/db', message: 'Use a query or mutation in lib/<domain>.' }], patterns: ['@/lib/generated/*'] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/**', 'prisma/**', 'bench/**', 'e2e/**', '*.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];

export default config;
