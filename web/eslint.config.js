import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// `npm run lint`. Syntax-only (no type information): ESLint's and typescript-eslint's
// recommended rules, and the Rules of React (hooks and the compiler's checks).
export default defineConfig([
  // The build, and the API types generated from the server's OpenAPI document.
  { ignores: ['dist/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { files: ['**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
]);
