// Checklist progress enhancements. Without JavaScript the page is a plain form with a Save
// button; with it, the links can be copied and changes are saved as they are made.

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

function setUpAutosave() {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector("[data-save-status]");
  const summary = document.querySelector("[data-progress-summary]");
  const fill = document.querySelector("[data-progress-fill]");
  let timer = null;
  let saving = null;

  const announce = (text) => { status.textContent = text; };

  async function save() {
    if (saving) await saving;
    const body = new FormData(form);
    saving = fetch(form.action || window.location.href, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(async (response) => {
        const data = await response.json().catch(() => null);
        if (!data) {
          announce("Could not save automatically. Select Save your progress to try again.");
          return;
        }
        // Never submit or reload here (WCAG 3.2.2): the person may be half-way through a
        // date. Say what stops the save; the Save button shows the errors in full.
        if (data.errors) {
          const problems = data.errors.map((error) => error.text).join(". ");
          announce(`Not saved yet: ${problems}. Select Save your progress to see what needs attention.`);
          return;
        }
        for (const [prefix, values] of Object.entries(data.forms || {})) {
          form.elements[`${prefix}-version`].value = values.version;
          form.elements[`${prefix}-base`].value = values.base;
        }
        if (!data.ok) {
          announce("Someone else changed this record after you opened it: nothing has been lost. Select Save your progress to see both versions.");
          return;
        }
        if (summary) summary.textContent = data.summary;
        if (fill) {
          fill.className = fill.className.replace(/app-progress-bar__fill--\d+/, `app-progress-bar__fill--${data.percent}`);
        }
        announce(`${data.message} ${data.summary}.`);
      })
      .catch(() => announce("Could not save automatically. Select Save your progress to try again."))
      .finally(() => { saving = null; });
    await saving;
  }

  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  announce("Changes are saved as you make them.");
}

setUpCopyButtons();
setUpPrintButton();
setUpAutosave();
