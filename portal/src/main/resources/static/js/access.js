// Settings pages of the access feature: destructive buttons ask first (CSP forbids inline handlers).
document.addEventListener('submit', function (e) {
  var button = e.submitter;
  var question = button && button.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});
