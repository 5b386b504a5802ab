import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';
import './api-docs.css';

// Served by the Rust server at /api/docs; the document itself comes from the API.
const OPENAPI_URL = '/api/openapi.json';

SwaggerUIBundle({
  url: OPENAPI_URL,
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  // Keeps the page self-contained: no call to the public validator service.
  validatorUrl: null,
});
