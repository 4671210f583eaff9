// Global search box: Enter opens the results page (exact IPs/URLs jump to their page on the server), arrow keys
// walk the suggestions, and recent searches are kept in this browser's localStorage for 30 days.
(function () {
  var KEY = 'rampart.searchHistory';
  var KEEP_MS = 30 * 24 * 3600 * 1000;

  function load() {
    try {
      var now = Date.now();
      return (JSON.parse(localStorage.getItem(KEY) || '[]') || []).filter(function (h) { return h && h.q && now - h.t < KEEP_MS; });
    } catch (x) { return []; }
  }
  function remember(q) {
    q = (q || '').trim();
    if (!q) { return; }
    var list = load().filter(function (h) { return h.q !== q; });
    list.unshift({ q: q, t: Date.now() });
    try { localStorage.setItem(KEY, JSON.stringify(list.slice(0, 20))); } catch (x) {}
  }
  function showHistory(box, input) {
    var list = load();
    box.innerHTML = '';
    if (!list.length || input.value.trim()) { return; }
    var panel = document.createElement('div');
    panel.className = 'suggest-panel';
    panel.setAttribute('role', 'listbox');
    panel.setAttribute('aria-label', 'Recent searches');
    var head = document.createElement('div');
    head.className = 'suggest-section';
    head.textContent = 'Recent searches';
    panel.appendChild(head);
    list.slice(0, 8).forEach(function (h) {
      var a = document.createElement('a');
      a.className = 'suggest-item suggest-history';
      a.setAttribute('role', 'option');
      a.href = '/search?q=' + encodeURIComponent(h.q);
      a.textContent = h.q;
      panel.appendChild(a);
    });
    box.appendChild(panel);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('[data-global-search]');
    var input = document.getElementById('global-search');
    var box = document.getElementById('search-suggest');
    if (!form || !input || !box) { return; }
    try { localStorage.setItem(KEY, JSON.stringify(load())); } catch (x) {}
    form.addEventListener('submit', function () { remember(input.value); });
    input.addEventListener('focus', function () { showHistory(box, input); });
    input.addEventListener('input', function () { if (!input.value.trim()) { showHistory(box, input); } });
    box.addEventListener('click', function (e) {
      if (e.target.closest('.suggest-item')) { remember(input.value); }
    });
    form.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
      var items = Array.prototype.slice.call(box.querySelectorAll('.suggest-item'));
      if (!items.length) { return; }
      e.preventDefault();
      var i = items.indexOf(document.activeElement);
      var next = e.key === 'ArrowDown' ? i + 1 : i - 1;
      if (next < 0) { input.focus(); } else { items[Math.min(next, items.length - 1)].focus(); }
    });
    document.addEventListener('click', function (e) {
      if (!e.target.closest('[data-global-search]')) { box.innerHTML = ''; }
    });
  });
})();
