// Sortable tables: a button in a header cell sorts the rows by that column (numbers as numbers,
// from each cell's data-sort), ascending first, then descending; aria-sort tells which.
(function () {
  'use strict';

  function value(row, column) {
    var cell = row.children[column];
    if (!cell) {
      return {numeric: false, text: ''};
    }
    var raw = cell.getAttribute('data-sort');
    if (raw === null) {
      raw = cell.textContent.trim();
    }
    return {numeric: cell.getAttribute('data-numeric') === 'true', text: raw, number: parseFloat(raw)};
  }

  function compare(a, b) {
    if (a.text === '' && b.text !== '') {
      return 1;
    }
    if (b.text === '' && a.text !== '') {
      return -1;
    }
    if (a.numeric && b.numeric) {
      return a.number - b.number;
    }
    return a.text.localeCompare(b.text, undefined, {numeric: true});
  }

  function setup(table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.querySelectorAll('thead button.sort'), function (button) {
      button.addEventListener('click', function () {
        var column = parseInt(button.getAttribute('data-column'), 10) + 1; // the first column holds the checkboxes
        var th = button.closest('th');
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(table.querySelectorAll('thead th'), function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(value(r1, column), value(r2, column));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), setup);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
