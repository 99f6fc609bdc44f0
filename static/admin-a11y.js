// Accessibility repairs for widgets the admin draws with JavaScript, made as they appear (they
// are redrawn on every change):
// - autocomplete boxes (Select2 4.0): the search field gets the name of its field, and the
//   "Remove all items" control sits in a list item, as a list's children must;
// - the calendar and clock links (DateTimeShortcuts) get a name saying which field they fill;
// - the rich-text editor (django-prose-editor) checks spelling: its NoSpellCheck extension,
//   on by default, turns the browser's spell check off.
(function () {
  "use strict";

  function labelText(label) {
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function labelFor(container) {
    var select = container.previousElementSibling;
    if (!select || !select.id) return "";
    return labelText(document.querySelector('label[for="' + select.id + '"]'));
  }

  // The field's own label: for a date and time field that is the row's label ("Publication
  // date"), not the "Date:" and "Time:" labels of its two boxes.
  function fieldLabel(input) {
    var row = input.closest(".flex-container");
    var rowLabel = row && row.querySelector(":scope > label");
    return labelText(rowLabel) || labelText(document.querySelector('label[for="' + input.id + '"]'));
  }

  function nameShortcuts(root) {
    root.querySelectorAll(".datetimeshortcuts").forEach(function (shortcuts) {
      var input = shortcuts.previousElementSibling;
      if (!input || input.tagName !== "INPUT") return;
      var field = fieldLabel(input);
      var suffix = field ? " for " + field : "";
      shortcuts.querySelectorAll("a:not([aria-label])").forEach(function (link) {
        if (link.querySelector(".date-icon")) link.setAttribute("aria-label", "Choose a date" + suffix);
        if (link.querySelector(".clock-icon")) link.setAttribute("aria-label", "Choose a time" + suffix);
      });
    });
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
    nameShortcuts(root);
    root.querySelectorAll('.prose-editor [contenteditable="true"][spellcheck="false"]')
      .forEach(function (editor) {
        editor.setAttribute("spellcheck", "true");
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
