// The case-study finder, enhanced: results update as boxes are ticked. Without this file the
// page works the same with its "Apply filters" button; with it, each change fetches the same
// URL the form would submit, swaps the results region, updates the counts on the options in
// place (so focus stays where it was), records the state in history and announces the result.

const form = document.getElementById("finder-form");
const results = document.getElementById("finder-results");
const status = document.getElementById("finder-status");

function finderUrl(sourceForm) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(sourceForm)) {
    if (value !== "" && !(name === "sort" && value === "title")) params.append(name, value);
  }
  const query = params.toString();
  return form.action + (query ? `?${query}` : "");
}

function syncForm(fresh) {
  // Counts, disabled and checked states, from the page the server rendered.
  for (const input of form.querySelectorAll("input[type=checkbox]")) {
    const twin = fresh.getElementById(input.id);
    if (!twin) continue;
    input.checked = twin.checked;
    input.disabled = twin.disabled;
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    const freshLabel = fresh.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (label && freshLabel) label.innerHTML = freshLabel.innerHTML;
  }
  const q = fresh.getElementById("q");
  if (q && document.activeElement !== form.elements.q) form.elements.q.value = q.value;
  const sort = fresh.querySelector("#finder-form input[name=sort]");
  setSort(sort ? sort.value : "title");
  const count = fresh.getElementById("selected-count");
  const mine = document.getElementById("selected-count");
  if (count && mine) mine.textContent = count.textContent;
}

function setSort(value) {
  // The filter form carries the sort order in a hidden field, left out for the default.
  let field = form.querySelector("input[name=sort]");
  if (!field) {
    field = document.createElement("input");
    field.type = "hidden";
    field.name = "sort";
    form.append(field);
  }
  field.value = value;
}

let controller;

async function update(url, { push = true, focusResults = false } = {}) {
  controller?.abort();
  controller = new AbortController();
  results.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      headers: { Accept: "text/html" },
    });
    if (!response.ok) {
      window.location.assign(url);
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const freshResults = fresh.getElementById("finder-results");
    if (!freshResults) {
      window.location.assign(url);
      return;
    }
    results.replaceChildren(...freshResults.childNodes);
    syncForm(fresh);
    document.title = fresh.title;
    const feed = document.querySelector("link[rel=alternate][type='application/atom+xml']");
    const freshFeed = fresh.querySelector("link[rel=alternate][type='application/atom+xml']");
    if (feed && freshFeed) feed.href = freshFeed.getAttribute("href");
    if (push) window.history.pushState({ finder: true }, "", url);
    const heading = document.getElementById("results-heading");
    const description = document.getElementById("filter-description");
    status.textContent = `${heading ? heading.textContent.trim() : ""}. ${
      description ? description.textContent.trim() : ""
    }`;
    enhanceResults();
    if (focusResults && heading) heading.focus();
  } catch (error) {
    if (error.name !== "AbortError") window.location.assign(url);
  } finally {
    results.removeAttribute("aria-busy");
  }
}

function enhanceResults() {
  const sortForm = document.getElementById("sort-form");
  if (sortForm) {
    sortForm.querySelector(".app-sort-button")?.setAttribute("hidden", "");
    sortForm.elements.sort.addEventListener("change", () => {
      setSort(sortForm.elements.sort.value);
      update(finderUrl(form));
    });
    sortForm.addEventListener("submit", (event) => {
      event.preventDefault();
      setSort(sortForm.elements.sort.value);
      update(finderUrl(form));
    });
  }
}

if (form && results && status) {
  form.querySelector(".app-apply-filters")?.setAttribute("hidden", "");
  form.addEventListener("change", (event) => {
    if (event.target.name === "q") return; // words are applied on Enter
    update(finderUrl(form));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(finderUrl(form), { focusResults: true });
  });
  // Removable filters, "clear filters" and page numbers: same page, new state.
  results.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-finder-link], .nhsuk-pagination a");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    update(link.href, { focusResults: true });
  });
  window.addEventListener("popstate", () => update(window.location.href, { push: false }));
  window.history.replaceState({ finder: true }, "", window.location.href);

  // On a small screen the filters start folded away: one tap on "Filters (n selected)".
  const filters = document.getElementById("filters");
  if (filters && window.matchMedia("(max-width: 40.0525em)").matches) filters.open = false;
  enhanceResults();
}
