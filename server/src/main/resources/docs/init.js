// Starts Swagger UI on the served contract. An external file, not an inline script, so the page
// runs under a Content-Security-Policy without 'unsafe-inline' for scripts.
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  var specUrl = root.getAttribute('data-spec-url');
  window.ui = SwaggerUIBundle({
    url: specUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
    // "Try it out" calls the server that serves these docs (issue 16), whichever of the contract's
    // servers is selected: the page may only talk to its own origin (connect-src 'self').
    requestInterceptor: function (request) {
      var target = new URL(request.url, window.location.href);
      if (target.origin !== window.location.origin) {
        request.url = window.location.origin + target.pathname + target.search;
      }
      return request;
    }
  });
});
