// Small behaviours of every page, bound from data attributes, so that the pages need no inline
// script or event-handler attribute (the Content-Security-Policy allows scripts from /static/
// only). Listeners sit on the document, so fragments swapped in by htmx behave the same.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (language, filters).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) field.form.submit();
  });

  // <img data-remove-if-broken>: a poster that fails to load is removed, not shown broken.
  // The error event does not bubble: listen in the capture phase.
  document.addEventListener("error", function (event) {
    var image = event.target;
    if (image.matches && image.matches("img[data-remove-if-broken]")) image.remove();
  }, true);
  // ... and catch the ones that failed before this script ran.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("img[data-remove-if-broken]").forEach(function (image) {
      if (image.complete && image.naturalWidth === 0) image.remove();
    });
  });

  // <button data-close-why>: closes the "why not" panel it sits in.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-close-why]");
    if (!button) return;
    var slot = button.closest(".why-slot");
    if (slot) slot.innerHTML = "";
  });
})();
