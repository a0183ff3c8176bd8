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

  var CHINESE = /[\u3400-\u9fff]/;

  function queryOf(data) {
    return new URLSearchParams(dropEmpty(data)).toString();
  }

  // What the results on screen answer: the form as the server rendered it.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-search-form]").forEach(function (form) {
      form.dataset.shown = queryOf(new FormData(form));
    });
    // On phones the filters start folded unless some are in use, so results come first.
    var panel = document.getElementById("filter-panel");
    var used = /[?&](kind|country|genre|year_from|year_to|version_language|version_kind)=[^&]/.test(location.search);
    if (panel && !used && window.matchMedia("(max-width: 900px)").matches) panel.open = false;
  });

  // A search with mistakes answers 400 with the problems: results marked data-show-problems
  // show them instead of ignoring the answer.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.hasAttribute("data-show-problems")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
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
    var trigger = event.detail.triggeringEvent;
    // While typing, one letter is not yet a search, unless it is a Chinese character.
    var typed = trigger && trigger.type === "input" ? trigger.target : null;
    if (typed && typed.name === "q" && typed.value.trim().length === 1 && !CHINESE.test(typed.value)) {
      event.preventDefault();
      return;
    }
    var query = queryOf(new FormData(form));
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
