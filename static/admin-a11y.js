// Accessibility repairs for the admin's autocomplete boxes (Select2 4.0): the search field gets
// the name of its field, and the "Remove all items" control sits in a list item, as a list's
// children must. Select2 redraws these on every change, so they are repaired as they appear.
(function () {
  "use strict";

  function labelFor(container) {
    var select = container.previousElementSibling;
    if (!select || !select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function repair(root) {
    root.querySelectorAll(".select2-container .select2-search__field:not([aria-label])")
      .forEach(function (field) {
        var name = labelFor(field.closest(".select2-container"));
        field.setAttribute("aria-label", name ? "Search " + name : "Search");
      });
    root.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear")
      .forEach(function (clear) {
        var item = document.createElement("li");
        item.className = "select2-selection__clear-item";
        clear.before(item);
        item.append(clear);
      });
  }

  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
