// Filters a technique table (/exercises/, the programme builder) by the data-* attributes the build wrote on each row.
// Progressive enhancement: without JavaScript the form stays hidden and the full grouped lists remain.
function setUpExerciseFilter() {
  const form = document.querySelector("form.ub-filter");
  if (!form) return;
  const table = document.getElementById(form.dataset.filterFor);
  const rows = Array.from(table.querySelectorAll("tbody tr"));
  const count = form.querySelector(".ub-filter-count");
  const apply = () => {
    const wanted = Object.fromEntries(new FormData(form));
    let shown = 0;
    for (const row of rows) {
      const match = Object.entries(wanted).every(([key, value]) => !value ||
        (key === "q" ? row.dataset.q.includes(value.trim().toLowerCase()) : row.dataset[key].split(" ").includes(value)));
      row.hidden = !match;
      if (match) shown += 1;
    }
    const said = window.UpperBackEngine.words(form);  // upperback.page_words, rendered on the form
    count.textContent = window.UpperBackEngine.fill(said.count, { shown, total: rows.length });
  };
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  // Choosing a muscle chip, or a region on the map, filters the list and brings its header into view
  // (without script, both link to the grouped page).
  for (const link of document.querySelectorAll(".ub-map-index a, .ub-chips a[data-target]")) {
    link.addEventListener("click", (event) => {
      const target = (link.dataset.target ? link : link.querySelector("[data-target]")).dataset.target;
      const select = form.querySelector("select[name=target]");
      if (![...select.options].some((o) => o.value === target)) return;
      event.preventDefault();
      event.stopPropagation();  // Material's instant navigation would otherwise follow the link
      select.value = target;
      apply();
      table.scrollIntoView({ block: "start" });
    });
  }
  apply();
}
// Material's instant navigation swaps pages without a reload; document$ fires on each page.
if (typeof document$ !== "undefined") document$.subscribe(setUpExerciseFilter);
else document.addEventListener("DOMContentLoaded", setUpExerciseFilter);
