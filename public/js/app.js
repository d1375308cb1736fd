// NetOps Bot web companion: small progressive enhancements. Loaded as a file (the CSP forbids inline
// scripts); everything uses event delegation so it keeps working after htmx swaps.
(function () {
  'use strict';

  // Run page: filter commands by text in the command or its output, opening the matches.
  function applyOutputFilter(input) {
    var root = document.querySelector(input.getAttribute('data-output-filter'));
    if (!root) return;
    var needle = input.value.trim().toLowerCase();
    root.querySelectorAll('details.command').forEach(function (d) {
      var hit = needle === '' || d.textContent.toLowerCase().indexOf(needle) !== -1;
      d.hidden = !hit;
      if (needle !== '' && hit) d.open = true;
    });
  }

  document.addEventListener('input', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('[data-output-filter]')) applyOutputFilter(t);
  });

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    var expand = t.closest('[data-expand]');
    var collapse = t.closest('[data-collapse]');
    var btn = expand || collapse;
    if (!btn) return;
    var root = document.querySelector(btn.getAttribute(expand ? 'data-expand' : 'data-collapse'));
    if (root) root.querySelectorAll('details.command').forEach(function (d) { d.open = !!expand; });
  });

  // After the live run region is replaced, keep the reader's search applied.
  document.addEventListener('htmx:afterSwap', function () {
    document.querySelectorAll('[data-output-filter]').forEach(function (input) {
      if (input.value) applyOutputFilter(input);
    });
  });

  // Inline row forms (devices): Cancel on a new row removes it; Escape anywhere in an edit row cancels it
  // (the edit row's Cancel asks the server for the rendered row). Focus goes back to where it came from.
  document.addEventListener('click', function (e) {
    var t = e.target;
    var btn = t && t.closest && t.closest('[data-remove-row]');
    if (!btn) return;
    var row = btn.closest('tr');
    if (row) row.remove();
    var add = document.querySelector('[hx-target="#device-add"]');
    if (add) add.focus();
  });

  // One new-device row at a time: "Add device" again goes back to the open one (rows saved before it stay).
  document.addEventListener('htmx:beforeRequest', function (e) {
    var elt = e.detail && e.detail.elt;
    var open = document.getElementById('device-new');
    if (!open || !elt || !elt.matches || !elt.matches('[hx-target="#device-add"]')) return;
    e.preventDefault();
    var first = open.querySelector('input, select, textarea');
    if (first) first.focus();
  });

  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || !e.target || !e.target.closest) return;
    var row = e.target.closest('tr.edit-row');
    var cancel = row && row.querySelector('[data-cancel-row]');
    if (!cancel) return;
    e.preventDefault();
    cancel.click();
  });

  // Device import: reading a chosen file into the textarea keeps the upload a plain form post.
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (!t || !t.matches || !t.matches('input[type=file][data-read-into]') || !t.files || !t.files[0]) return;
    var file = t.files[0];
    var area = document.querySelector(t.getAttribute('data-read-into'));
    var format = document.querySelector(t.getAttribute('data-format-select'));
    file.text().then(function (text) {
      if (area) area.value = text;
      if (format && /\.ya?ml$/i.test(file.name)) format.value = 'yaml';
      else if (format && /\.csv$/i.test(file.name)) format.value = 'csv';
    });
  });
})();
