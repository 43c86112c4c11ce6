/* portalgen: sorting and filters for the compliance dashboard. The table works without this script. */
(function () {
  "use strict";
  var table = document.querySelector("[data-dash-table]");
  var form = document.querySelector("[data-dash-filters]");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector("[data-dash-count]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("[data-dash-filter]"));

  // Filters by level and parent; the choice is kept in the address (?cap=…&tren=…) so it can be shared.
  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.getAttribute("data-dash-filter")) === s.value; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = count.getAttribute("data-template").replace("{n}", shown);
  }
  var query = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    var wanted = query.get(s.name);
    if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) { s.value = wanted; }
    s.addEventListener("change", function () {
      var params = new URLSearchParams(window.location.search);
      if (s.value) { params.set(s.name, s.value); } else { params.delete(s.name); }
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      filter();
    });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  filter();

  // Sorting: each sortable header becomes a button; aria-sort tells screen readers the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var text = cell.getAttribute("data-value");
    if (text === null) { text = cell.textContent; }
    return numeric ? parseFloat(text) || 0 : text;
  }
  headers.forEach(function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = table.getAttribute("data-sort-label");
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = kind === "number";
      rows.sort(function (a, b) {
        var x = value(a, index, numeric), y = value(b, index, numeric);
        var order = numeric ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
