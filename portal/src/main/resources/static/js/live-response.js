// Live response console: clear the input once the portal accepted a command, keep it when refused, and recall
// earlier commands of this page with the up and down arrows.
(function () {
  var history = [];
  var cursor = 0;
  document.addEventListener('htmx:afterRequest', function (e) {
    var form = document.getElementById('lr-form');
    if (!form || e.detail.elt !== form) { return; }
    var input = document.getElementById('lr-input');
    if (e.detail.xhr && e.detail.xhr.getResponseHeader('X-Accepted') === 'true') {
      if (input.value.trim() !== '' && history[history.length - 1] !== input.value) { history.push(input.value); }
      cursor = history.length;
      input.value = '';
    }
    input.focus();
  });
  // A poll re-renders the transcript: keep the reader's place, follow new output only when they were at the end.
  var place = null;
  document.addEventListener('htmx:beforeSwap', function (e) {
    var t = document.getElementById('lr-transcript');
    if (t && e.detail.target === t) {
      place = { top: t.scrollTop, atEnd: t.scrollTop + t.clientHeight >= t.scrollHeight - 40, typed: e.detail.requestConfig && e.detail.requestConfig.verb === 'post' };
    }
  });
  document.addEventListener('htmx:afterSwap', function () {
    var t = document.getElementById('lr-transcript');
    if (!t || !place) { return; }
    t.scrollTop = place.atEnd || place.typed ? t.scrollHeight : place.top;
    place = null;
  });
  document.addEventListener('keydown', function (e) {
    if (!e.target || e.target.id !== 'lr-input' || history.length === 0) { return; }
    if (e.key === 'ArrowUp') { cursor = Math.max(0, cursor - 1); e.target.value = history[cursor]; e.preventDefault(); }
    if (e.key === 'ArrowDown') { cursor = Math.min(history.length, cursor + 1); e.target.value = history[cursor] || ''; e.preventDefault(); }
  });
  document.addEventListener('DOMContentLoaded', function () {
    var t = document.getElementById('lr-transcript');
    if (t) { t.scrollTop = t.scrollHeight; }
  });
})();
