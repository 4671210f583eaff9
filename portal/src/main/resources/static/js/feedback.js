// Feedback form: a live character count beside the message box (the server enforces the same limit).
(function () {
  document.querySelectorAll('textarea[data-count]').forEach(function (area) {
    var out = document.getElementById(area.getAttribute('data-count'));
    var max = parseInt(area.getAttribute('maxlength'), 10);
    function update() { if (out) { out.textContent = area.value.length + ' of ' + max + ' used.'; } }
    area.addEventListener('input', update);
    update();
  });
})();
