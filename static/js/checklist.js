// Checklist progress enhancements. Without JavaScript each action's page is a plain form with
// "Save and continue"; with it, the links can be copied and changes are saved as they are made.

function setUpCopyButtons() {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Link copied";
      } catch {
        button.textContent = "Could not copy: select the link and copy it";
      }
      setTimeout(() => { button.textContent = label; }, 4000);
    });
  }
}

function setUpPrintButton() {
  const button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

function setUpReason() {
  // The reason belongs to "Not applicable": shown when it is chosen (or still holds an error).
  for (const box of document.querySelectorAll("[data-reason-for]")) {
    const radios = document.querySelectorAll(`input[name="${box.dataset.reasonFor}"]`);
    const sync = () => {
      const chosen = [...radios].find((radio) => radio.checked);
      box.hidden = !(chosen && chosen.value === "not_applicable") && !box.querySelector(".nhsuk-error-message");
    };
    for (const radio of radios) radio.addEventListener("change", sync);
    sync();
  }
}

function setUpAutosave() {
  // An action's page: changes are saved as they are made, and the page is never submitted or
  // reloaded for it (WCAG 3.2.2). "Saved at" is shown only once the server has said so.
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector("[data-save-status]");
  const states = document.querySelectorAll("[data-action-state]");
  const summaries = document.querySelectorAll("[data-progress-summary]");
  const fills = document.querySelectorAll("[data-progress-fill]");
  let timer = null;
  let saving = null;
  let edits = 0; // changes made on this page
  let savedEdits = 0; // of which the server has confirmed this many
  let submitting = false;

  const announce = (text) => { status.textContent = text; };
  const failed = "Could not save automatically. Select Save and continue to try again.";

  async function save() {
    if (saving) await saving;
    const upTo = edits;
    saving = fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(async (response) => {
        const data = await response.json().catch(() => null);
        if (!data) {
          announce(failed);
          return;
        }
        if (data.errors) {
          const problems = data.errors.map((error) => error.text).join(". ");
          announce(`Not saved yet: ${problems}. Select Save and continue to see what needs attention.`);
          return;
        }
        for (const [prefix, values] of Object.entries(data.forms || {})) {
          form.elements[`${prefix}-version`].value = values.version;
          form.elements[`${prefix}-base`].value = values.base;
        }
        if (!data.ok) {
          announce("Someone else changed this action after you opened it: nothing has been lost. Select Save and continue to see both versions.");
          return;
        }
        savedEdits = Math.max(savedEdits, upTo);
        // Server-rendered and escaped there: the status tags, "has passed", "Last changed".
        for (const state of states) state.innerHTML = data.state_html;
        for (const summary of summaries) summary.textContent = data.summary;
        for (const fill of fills) {
          fill.className = fill.className.replace(/app-progress-bar__fill--\d+/, `app-progress-bar__fill--${data.percent}`);
        }
        announce(`${data.message}. ${data.summary}.`);
      })
      .catch(() => announce(failed))
      .finally(() => { saving = null; });
    await saving;
  }

  function changed(delay) {
    edits += 1;
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("input", () => changed(1500));
  form.addEventListener("change", () => changed(600));
  form.addEventListener("submit", () => { submitting = true; });
  window.addEventListener("beforeunload", (event) => {
    if (submitting || savedEdits >= edits) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers show the dialog only when this is set
  });
  announce("Changes are saved as you make them.");
}

setUpCopyButtons();
setUpPrintButton();
setUpReason();
setUpAutosave();
