// Starts Swagger UI on the app's own OpenAPI schema (a file, not inline: the CSP forbids inline script).
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
});
