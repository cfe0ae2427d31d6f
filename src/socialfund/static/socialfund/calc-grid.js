/* The calculator's year grid: keyboard movement between cells, pasting a block from Excel, live totals,
   a searchable unit-cost list, and the summary bar folded on narrow screens. The page works without it. */
(function () {
  "use strict";

  function parseNumber(text) {
    var cleaned = String(text || "").replace(/[\s\u00a0]/g, "").replace(",", ".").replace(/kr$/i, "");
    if (cleaned === "") { return 0; }
    var value = Number(cleaned);
    return isFinite(value) ? value : NaN;
  }

  function formatNumber(value) {
    if (isNaN(value)) { return "–"; }
    return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0").replace("-", "\u2212");
  }

  function gridOf(element) { return element.closest("table.year-grid"); }

  function cellsOf(row) { return Array.prototype.slice.call(row.querySelectorAll("input.cell")); }

  function rowsOf(grid) { return Array.prototype.slice.call(grid.tBodies[0].rows); }

  function updateTotals(grid) {
    var rows = rowsOf(grid);
    var columns = [];
    var grand = 0;
    rows.forEach(function (row) {
      var total = 0;
      cellsOf(row).forEach(function (cell, index) {
        var value = parseNumber(cell.value);
        total += value;
        columns[index] = (columns[index] || 0) + value;
      });
      grand += total;
      var shown = row.querySelector(".row-total");
      if (shown) { shown.textContent = formatNumber(total); }
    });
    var footers = grid.tFoot ? grid.tFoot.querySelectorAll(".col-total") : [];
    Array.prototype.forEach.call(footers, function (cell, index) { cell.textContent = formatNumber(columns[index] || 0); });
    var grandCell = grid.tFoot && grid.tFoot.querySelector(".grand-total");
    if (grandCell) { grandCell.textContent = formatNumber(grand); }
  }

  function move(cell, rowStep, columnStep) {
    var grid = gridOf(cell);
    var rows = rowsOf(grid);
    var row = cell.closest("tr");
    var rowIndex = rows.indexOf(row);
    var columnIndex = cellsOf(row).indexOf(cell);
    var targetRow = rows[rowIndex + rowStep];
    if (!targetRow) { return false; }
    var target = cellsOf(targetRow)[columnIndex + columnStep];
    if (!target) { return false; }
    target.focus();
    target.select();
    return true;
  }

  // The messages about refused pastes, by cell: a redrawn grid gets them back (they live only in the browser).
  var pasteMessages = {};

  function showCellMessage(cell, message) {
    pasteMessages[cell.id] = message;
    var id = cell.id + "-paste-error";
    var old = document.getElementById(id);
    if (old) { old.remove(); }
    var note = document.createElement("span");
    note.className = "field-error";
    note.id = id;
    note.setAttribute("role", "alert");
    note.textContent = message;
    cell.insertAdjacentElement("afterend", note);
    cell.setAttribute("aria-describedby", id);
  }

  function paste(event) {
    var cell = event.target;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") === -1 && text.indexOf("\n") === -1) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n").map(function (line) { return line.split("\t"); });
    var grid = gridOf(cell);
    var rows = rowsOf(grid);
    var rowIndex = rows.indexOf(cell.closest("tr"));
    var columnIndex = cellsOf(cell.closest("tr")).indexOf(cell);
    var width = Math.max.apply(null, lines.map(function (line) { return line.length; }));
    var columnsLeft = cellsOf(rows[rowIndex]).length - columnIndex;
    if (width > columnsLeft) {
      showCellMessage(cell, grid.dataset.tooWide.replace("%(width)s", width).replace("%(room)s", columnsLeft));
      return;
    }
    if (lines.length > rows.length - rowIndex) {
      showCellMessage(cell, grid.dataset.tooTall.replace("%(height)s", lines.length).replace("%(room)s", rows.length - rowIndex));
      return;
    }
    lines.forEach(function (line, r) {
      var targets = cellsOf(rows[rowIndex + r]);
      line.forEach(function (value, c) {
        var target = targets[columnIndex + c];
        target.value = value.trim();
      });
    });
    var note = document.getElementById(cell.id + "-paste-error");
    if (note) { note.remove(); }
    delete pasteMessages[cell.id];
    updateTotals(grid);
    cell.dispatchEvent(new Event("input", { bubbles: true }));
    cell.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function keydown(event) {
    var cell = event.target;
    if (!cell.matches || !cell.matches("table.year-grid input.cell")) { return; }
    var atStart = cell.selectionStart === 0 && cell.selectionEnd === 0;
    var atEnd = cell.selectionStart === cell.value.length;
    var moved = false;
    if (event.key === "Enter") {
      // Enter moves down a row, as in a spreadsheet; it never submits the form from a cell.
      event.preventDefault();
      moved = move(cell, event.shiftKey ? -1 : 1, 0);
      return;
    }
    if (event.key === "ArrowDown") { moved = move(cell, 1, 0); }
    else if (event.key === "ArrowUp") { moved = move(cell, -1, 0); }
    else if (event.key === "ArrowRight" && atEnd) { moved = move(cell, 0, 1); }
    else if (event.key === "ArrowLeft" && atStart) { moved = move(cell, 0, -1); }
    if (moved) { event.preventDefault(); }
  }

  function setUpSearch(root) {
    Array.prototype.forEach.call(root.querySelectorAll("input.unit-search"), function (search) {
      search.hidden = false;
      var select = document.getElementById(search.dataset.filters);
      if (!select || search.dataset.ready) { return; }
      search.dataset.ready = "1";
      search.addEventListener("input", function (event) {
        event.stopPropagation(); // searching is not an answer: no recalculation
        var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
        Array.prototype.forEach.call(select.options, function (option) {
          var text = option.text.toLowerCase();
          var match = option.value === "" || option.selected || words.every(function (w) { return text.indexOf(w) !== -1; });
          option.hidden = !match;
          option.disabled = !match;
        });
      });
    });
  }

  function setUp() {
    var form = document.getElementById("calc-form");
    if (!form) { return; }
    var panel = document.getElementById("calc-summary-panel");
    if (panel && window.matchMedia("(max-width: 40rem)").matches) { panel.open = false; }
    form.addEventListener("keydown", keydown);
    form.addEventListener("paste", function (event) {
      if (event.target.matches && event.target.matches("table.year-grid input.cell")) { paste(event); }
    });
    // A redrawn grid is the form as it was when it was asked for. Its answer may come after the person has
    // typed or pasted more, or after a later redraw was asked for (the server may answer out of order): such
    // an answer is stale and never replaces the grid. Each change counts one; each redraw notes the count.
    var changes = 0;
    var redrawsAsked = 0;
    function askForGrid(source) {
      window.htmx.ajax("POST", form.dataset.rowsUrl, { source: source, target: "#calc-grid", select: "#calc-grid > *", swap: "innerHTML" });
    }
    function isGrid(target) { return target && target.id === "calc-grid"; }
    form.addEventListener("input", function (event) {
      changes += 1;
      if (event.target.id && pasteMessages[event.target.id] && event.isTrusted) { delete pasteMessages[event.target.id]; }
      var grid = event.target.closest && event.target.closest("table.year-grid");
      if (grid) { updateTotals(grid); }
    });
    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if ((name === "calc-start_year" || name === "calc-horizon") && window.htmx) {
        // New years: redraw the grid's columns (the figures typed stay; a year that falls outside gets a message).
        askForGrid(event.target);
      }
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (!isGrid(event.detail.target)) { return; }
      redrawsAsked += 1;
      event.detail.xhr.gridRedraw = { number: redrawsAsked, changes: changes };
    });
    var focusedId = null;
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (!isGrid(event.detail.target)) { return; }
      var asked = event.detail.xhr && event.detail.xhr.gridRedraw;
      if (asked && asked.number !== redrawsAsked) {
        event.detail.shouldSwap = false; // a later redraw is on its way and answers for this one too
        return;
      }
      if (asked && asked.changes !== changes) {
        // Typed or pasted since: ask again with the form as it is now (the same button, if one was pressed).
        event.detail.shouldSwap = false;
        var source = event.detail.requestConfig && event.detail.requestConfig.elt;
        askForGrid(source && document.body.contains(source) ? source : form.querySelector('[name="calc-horizon"]'));
        return;
      }
      focusedId = document.activeElement && document.activeElement.id;
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (!isGrid(event.detail.target)) { return; }
      setUpSearch(event.detail.target);
      Object.keys(pasteMessages).forEach(function (id) {
        var pasted = document.getElementById(id);
        if (pasted) { showCellMessage(pasted, pasteMessages[id]); } else { delete pasteMessages[id]; }
      });
      var source = event.detail.requestConfig && event.detail.requestConfig.elt;
      var name = source && source.name;
      var focus = null;
      if (name === "add_cost" || name === "add_effect") {
        var grid = document.querySelector('table.year-grid[data-grid="' + (name === "add_cost" ? "costs" : "effects") + '"]');
        var rows = grid ? rowsOf(grid) : [];
        // The first empty row (the grid always keeps one empty row at the end).
        var empty = rows.filter(function (row) { var first = row.querySelector("input"); return first && first.value === ""; });
        focus = empty.length ? empty[0].querySelector("input") : (rows.length ? rows[rows.length - 1].querySelector("input") : null);
      } else if (focusedId) {
        focus = document.getElementById(focusedId);
      }
      if (!focus) { focus = document.querySelector("#calc-grid h2"); if (focus) { focus.setAttribute("tabindex", "-1"); } }
      if (focus) { focus.focus(); }
      // The rows changed: ask for new results too.
      if (window.htmx) { window.htmx.trigger(form, "change"); }
    });
    setUpSearch(document);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
}());
