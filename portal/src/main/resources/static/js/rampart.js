// Frame behaviour shared by every page: CSRF header for htmx, "/" focuses search, nav collapse, Esc closes menus.
(function () {
  document.addEventListener('htmx:configRequest', function (e) {
    var h = document.querySelector('meta[name="csrf-header"]');
    var t = document.querySelector('meta[name="csrf-token"]');
    if (h && t && t.content) { e.detail.headers[h.content] = t.content; }
  });
  document.addEventListener('keydown', function (e) {
    var tag = (e.target.tagName || '').toLowerCase();
    var typing = tag === 'input' || tag === 'textarea' || tag === 'select' || e.target.isContentEditable;
    if (e.key === '/' && !typing) {
      var s = document.getElementById('global-search');
      if (s && !s.disabled) { e.preventDefault(); s.focus(); }
    }
    if (e.key === 'Escape') {
      document.querySelectorAll('details[open]').forEach(function (d) { d.removeAttribute('open'); });
      document.querySelectorAll('.flyout').forEach(function (f) { f.innerHTML = ''; });
    }
  });
  // Forms answer invalid input with 422 and the form carrying its field errors: show it instead of dropping it.
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail.xhr.status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener('click', function (e) {
    var c = e.target.closest('[data-close-flyout]');
    var f = c && c.closest('.flyout');
    if (f) { e.preventDefault(); f.innerHTML = ''; return; }
    var t = e.target.closest('[data-toggle-nav]');
    if (t) {
      document.body.classList.toggle('nav-collapsed');
      try { localStorage.setItem('rampart.nav', document.body.classList.contains('nav-collapsed') ? 'collapsed' : 'open'); } catch (x) {}
    }
  });
  // Safety net for plain POST forms: carry the CSRF token even if a template forgot its hidden field.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if ((f.method || '').toLowerCase() !== 'post' || f.querySelector('input[name="_csrf"]')) { return; }
    var t = document.querySelector('meta[name="csrf-token"]');
    if (!t || !t.content) { return; }
    var i = document.createElement('input');
    i.type = 'hidden'; i.name = '_csrf'; i.value = t.content;
    f.appendChild(i);
  }, true);
  // The suggestions list closes on Escape (search behaviour itself lives in search.js).
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { var s = document.getElementById('search-suggest'); if (s) { s.innerHTML = ''; } }
  });
  try { if (localStorage.getItem('rampart.nav') === 'collapsed') { document.body.classList.add('nav-collapsed'); } } catch (x) {}
})();

// Destructive actions ask first, on every page: a form, or the button that submits it, with data-confirm (the CSP
// forbids inline handlers).
document.addEventListener('submit', function (e) {
  var question = (e.submitter && e.submitter.getAttribute('data-confirm')) || e.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});
