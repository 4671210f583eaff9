// Explorer: the header checkbox picks or clears every message on the page.
document.addEventListener('change', function (e) {
  if (!e.target || e.target.id !== 'x-all') { return; }
  document.querySelectorAll('#x-act input[name="sel"]').forEach(function (c) { c.checked = e.target.checked; });
});
