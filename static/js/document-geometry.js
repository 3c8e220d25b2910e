// The computed widths and offsets of an official document's boxes (issuer
// column, signature and seal), which the template puts in data-geometry
// because the Content-Security-Policy refuses style attributes; styles set
// through the CSSOM are allowed. Applied on load and to every htmx swap (the
// drafting preview).
(function () {
  function applyGeometry(root) {
    root.querySelectorAll("[data-geometry]").forEach(function (box) {
      box.dataset.geometry.split(";").forEach(function (declaration) {
        var colon = declaration.indexOf(":");
        if (colon > 0) {
          box.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { applyGeometry(document); });
  } else {
    applyGeometry(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { applyGeometry(event.target); });
})();
