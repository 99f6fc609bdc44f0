// The case-study finder, enhanced: results update as boxes are ticked. Without this file the
// page works the same with its "Apply filters", "Search" and "Sort" buttons; with it, each
// change fetches the same URL the form would submit, swaps the results region, updates the
// counts on the options in place (so focus stays where it was), brings everything else that
// names the current list into step (title, print header, feed link, "Show N case studies"),
// records the state in history and announces the result. The sort select changes nothing by
// itself: its "Sort" button does (a keyboard user moves through the options first).

const form = document.getElementById("finder-form");
const results = document.getElementById("finder-results");
const status = document.getElementById("finder-status");
const filters = document.getElementById("filters");
const PHONE = window.matchMedia("(max-width: 40.0525em)");

function finderUrl(sourceForm) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(sourceForm)) {
    if (value !== "" && !(name === "sort" && value === "title")) params.append(name, value);
  }
  const query = params.toString();
  return form.action + (query ? `?${query}` : "");
}

function copyText(fresh, id) {
  const mine = document.getElementById(id);
  const theirs = fresh.getElementById(id);
  if (mine && theirs) mine.textContent = theirs.textContent;
}

function copyAttribute(fresh, selector, name) {
  const mine = document.querySelector(selector);
  const theirs = fresh.querySelector(selector);
  if (mine && theirs && theirs.hasAttribute(name)) mine.setAttribute(name, theirs.getAttribute(name));
}

function syncForm(fresh) {
  // Counts and checked states, from the page the server rendered.
  for (const input of form.querySelectorAll("input[type=checkbox]")) {
    const twin = fresh.getElementById(input.id);
    if (!twin) continue;
    input.checked = twin.checked;
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    const freshLabel = fresh.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (label && freshLabel) label.innerHTML = freshLabel.innerHTML;
  }
  const q = fresh.getElementById("q");
  if (q && document.activeElement !== form.elements.q) form.elements.q.value = q.value;
  const sort = fresh.querySelector("#finder-form input[name=sort]");
  setSort(sort ? sort.value : "title");
}

function syncPage(fresh) {
  // Everything outside the results region that names the list shown.
  document.title = fresh.title;
  for (const id of ["selected-count", "print-header", "show-results"]) copyText(fresh, id);
  const feed = "link[rel=alternate][type='application/atom+xml']";
  copyAttribute(fresh, feed, "href");
  copyAttribute(fresh, feed, "title");
  copyAttribute(fresh, "meta[property='og:url']", "content");
  copyAttribute(fresh, "meta[property='og:title']", "content");
  const robots = document.querySelector("meta[name=robots]");
  const freshRobots = fresh.querySelector("meta[name=robots]");
  if (robots && !freshRobots) robots.remove();
  if (!robots && freshRobots) document.head.append(freshRobots.cloneNode());
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
  // Focus inside the region being replaced (the "Sort" button) returns to its twin.
  const focusedId = results.contains(document.activeElement) ? document.activeElement.id : "";
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
    syncPage(fresh);
    if (push) window.history.pushState({ finder: true }, "", url);
    const heading = document.getElementById("results-heading");
    const description = document.getElementById("filter-description");
    status.textContent = `${heading ? heading.textContent.trim() : ""}. ${
      description ? description.textContent.trim() : ""
    }`;
    enhanceResults();
    const twin = focusedId && document.getElementById(focusedId);
    if (focusResults && heading) heading.focus();
    else if (twin) twin.focus();
    else if (focusedId && heading) heading.focus();
  } catch (error) {
    if (error.name !== "AbortError") window.location.assign(url);
  } finally {
    results.removeAttribute("aria-busy");
  }
}

function enhanceResults() {
  const sortForm = document.getElementById("sort-form");
  sortForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    setSort(sortForm.elements.sort.value);
    update(finderUrl(form));
  });
}

function showResults(event) {
  // GOV.UK's filter pattern on a phone: close the panel, land on the results.
  event.preventDefault();
  if (filters && PHONE.matches) filters.open = false;
  const heading = document.getElementById("results-heading");
  if (!heading) return;
  heading.focus();
  heading.scrollIntoView({ block: "start" });
}

if (form && results && status) {
  form.querySelector(".app-apply-filters")?.setAttribute("hidden", "");
  form.addEventListener("change", (event) => {
    if (event.target.name === "q") return; // words are applied with "Search" or Enter
    update(finderUrl(form));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(finderUrl(form), { focusResults: true });
  });
  const show = document.getElementById("show-results");
  if (show) {
    show.hidden = false; // its number follows every change from here on
    show.addEventListener("click", showResults);
  }
  // Removable filters, "clear filters", ways back and page numbers: same page, new state.
  results.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-finder-link], .nhsuk-pagination a");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    update(link.href, { focusResults: true });
  });
  window.addEventListener("popstate", () => update(window.location.href, { push: false }));
  window.history.replaceState({ finder: true }, "", window.location.href);

  // On a small screen the filters start folded away: one tap on "Filter (n selected)".
  if (filters && PHONE.matches) filters.open = false;
  enhanceResults();
}
