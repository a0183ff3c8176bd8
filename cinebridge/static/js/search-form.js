// Behaviour shared by the htmx search forms (catalog, avails): mark a form with
// data-search-form and it searches as you type or tick, with a short, shareable URL.
(function () {
  "use strict";

  function searchForm(element) {
    return element && element.matches && element.matches("form[data-search-form]") ? element : null;
  }

  // Leave empty fields out, so the pushed URL stays short and shareable.
  function dropEmpty(data) {
    Array.from(data.keys()).forEach(function (key) {
      if (data.getAll(key).every(function (value) { return value === ""; })) data.delete(key);
    });
    return data;
  }

  function queryOf(data) {
    return new URLSearchParams(dropEmpty(data)).toString();
  }

  // What the results on screen answer: the form as the server rendered it.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-search-form]").forEach(function (form) {
      form.dataset.shown = queryOf(new FormData(form));
    });
  });

  document.addEventListener("htmx:configRequest", function (event) {
    if (searchForm(event.detail.elt)) dropEmpty(event.detail.formData || event.detail.parameters);
  });

  // One gesture can fire the same search two or three times: Enter fires change and submit,
  // and the debounced keystroke comes after both. A late duplicate would replace the results
  // and push a URL that cancels a click on one of them, so skip a search identical to the
  // one on screen; pressing Search again later still refreshes. This runs on htmx:confirm,
  // before hx-sync, so a skipped duplicate never aborts the search it duplicates.
  document.addEventListener("htmx:confirm", function (event) {
    var form = searchForm(event.detail.elt);
    if (!form) return;
    var query = queryOf(new FormData(form));
    var trigger = event.detail.triggeringEvent;
    var again = trigger && trigger.type === "submit" && Date.now() - (form._searchedAt || 0) > 1000;
    if (query === form.dataset.shown && !again) {
      event.preventDefault();
      return;
    }
    form.dataset.shown = query;
    form._searchedAt = Date.now();
  });

  // Back/forward restores htmx's snapshot, whose controls hold stale values: set them from
  // the restored URL so the form matches the results shown.
  document.addEventListener("htmx:historyRestore", function () {
    var params = new URLSearchParams(location.search);
    document.querySelectorAll("form[data-search-form]").forEach(function (form) {
      Array.from(form.elements).forEach(function (field) {
        if (!field.name || field.type === "submit") return;
        if (field.type === "checkbox") field.checked = params.getAll(field.name).indexOf(field.value) !== -1;
        else if (field.tagName === "SELECT" && !params.get(field.name)) field.selectedIndex = 0;
        else field.value = params.get(field.name) || "";
      });
      form.dataset.shown = queryOf(new FormData(form));
    });
  });
})();
