// swagger-ui-dist ships its browser bundle as a UMD file without its own types;
// @types/swagger-ui-dist describes the same function for the package's main entry.
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  import type { SwaggerUIBundle } from 'swagger-ui-dist';

  const bundle: SwaggerUIBundle;
  export default bundle;
}
