// Starts Swagger UI on the served contract. An external file, not an inline script, so the page
// runs under a Content-Security-Policy without 'unsafe-inline' for scripts.
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false
  });
});
