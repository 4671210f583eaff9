// Live bell: a server-sent event stream tells this page the unread count changed; the badge then reloads itself.
(function () {
  if (!window.EventSource) { return; }
  document.addEventListener('DOMContentLoaded', function () {
    var badge = document.querySelector('[data-bell] summary');
    if (!badge) { return; }
    var source = new EventSource('/notifications/stream');
    source.addEventListener('unread', function (e) {
      badge.setAttribute('data-unread', e.data);
      if (window.htmx) { htmx.trigger(badge, 'notifications-changed'); }
    });
    window.addEventListener('beforeunload', function () { source.close(); });
  });
})();
