// Advanced hunting page: CodeMirror editor with KQL highlighting, run (all or selection), cancel, elapsed time,
// error underline at the reported line:column, schema browser insertions, column chooser and charts.
(function () {
  CodeMirror.defineSimpleMode('kql', {
    start: [
      { regex: /\/\/.*/, token: 'comment' },
      { regex: /@?"(?:[^\\"]|\\.)*"?/, token: 'string' },
      { regex: /@?'(?:[^\\']|\\.)*'?/, token: 'string' },
      { regex: /\b\d+(\.\d+)?(d|h|m|s|ms|microsecond|tick)?\b/, token: 'number' },
      { regex: /\b(where|project|project-away|project-rename|project-reorder|project-keep|extend|summarize|by|take|limit|top|sort|order|asc|desc|nulls|first|last|distinct|count|join|kind|on|union|lookup|let|mv-expand|mv-apply|parse|parse-kv|make-series|evaluate|render|serialize|search|find|invoke|datatable|externaldata|materialize|toscalar|with|withsource|isfuzzy|and|or|not|in|has|has_cs|has_any|has_all|contains|contains_cs|startswith|startswith_cs|endswith|endswith_cs|matches|regex|between|hasprefix|hassuffix|inner|innerunique|leftouter|rightouter|fullouter|leftanti|rightanti|leftsemi|rightsemi|anti|semi|true|false|dynamic|typeof)\b/, token: 'keyword' },
      { regex: /[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/, token: 'builtin' },
      { regex: /\$left|\$right/, token: 'variable-2' },
      { regex: /[|=<>!~+\-*/%]+/, token: 'operator' },
      { regex: /[A-Z][A-Za-z0-9_]*/, token: 'variable-3' }
    ],
    meta: { lineComment: '//' }
  });

  var textarea = document.getElementById('kql-editor');
  var form = document.getElementById('hunt-form');
  if (!textarea || !form) { return; }
  var cm = CodeMirror.fromTextArea(textarea, { mode: 'kql', lineNumbers: true, lineWrapping: false, indentUnit: 4, viewportMargin: 20 });
  cm.setSize(null, 220);
  var errorMark = null;
  var runAll = true;

  function run() { runAll = cm.getSelection().trim() === ''; htmx.trigger(form, 'submit'); }
  cm.setOption('extraKeys', { 'Ctrl-Enter': run, 'Cmd-Enter': run, 'Shift-Enter': run });

  form.addEventListener('htmx:configRequest', function (e) {
    var selection = cm.getSelection();
    e.detail.parameters.query = selection.trim() !== '' ? selection : cm.getValue();
    var id = Math.random().toString(36).slice(2);
    document.getElementById('run-id').value = id;
    e.detail.parameters.runId = id;
    if (errorMark) { errorMark.clear(); errorMark = null; }
    startTimer();
  });

  var timer = null;
  function startTimer() {
    var t0 = Date.now();
    var el = document.getElementById('hunt-elapsed');
    clearInterval(timer);
    timer = setInterval(function () { el.textContent = ((Date.now() - t0) / 1000).toFixed(1) + ' s'; }, 100);
  }
  document.body.addEventListener('htmx:afterRequest', function () { clearInterval(timer); });

  document.getElementById('cancel-btn').addEventListener('click', function () {
    var id = document.getElementById('run-id').value;
    if (id) { htmx.ajax('POST', '/hunting/cancel/' + encodeURIComponent(id), { swap: 'none' }); }
  });

  document.body.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target.id !== 'hunt-results') { return; }
    var err = e.detail.target.querySelector('.query-error');
    if (err && +err.dataset.line > 0) {
      // Positions are relative to what ran: the selection, if one was run.
      var base = runAll ? { line: 0, ch: 0 } : cm.getCursor('from');
      var line = base.line + (+err.dataset.line) - 1;
      var ch = (+err.dataset.line === 1 ? base.ch : 0) + (+err.dataset.column) - 1;
      var len = Math.max(1, +err.dataset.length || 1);
      errorMark = cm.markText({ line: line, ch: ch }, { line: line, ch: ch + len }, { className: 'cm-kql-error', title: err.textContent.trim() });
    }
    drawChart();
    applyHiddenColumns();
  });

  // Schema browser: insert names, sample queries, filter.
  document.addEventListener('click', function (e) {
    var ins = e.target.closest('[data-insert]');
    if (ins) { cm.replaceSelection(ins.dataset.insert); cm.focus(); return; }
    var sample = e.target.closest('[data-sample]');
    if (sample) { cm.setValue(sample.dataset.sample + '\n| take 100'); cm.focus(); return; }
    if (e.target.closest('[data-toggle-chart]')) {
      var c = document.getElementById('hunt-chart');
      if (c) { c.hidden = !c.hidden; if (!c.hidden) { drawChart(); } }
    }
  });
  var filter = document.getElementById('schema-filter');
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('.schema-table').forEach(function (d) {
      d.hidden = q !== '' && d.dataset.table.toLowerCase().indexOf(q) < 0;
    });
  });

  // Column chooser: hidden columns survive paging and sorting within the page visit.
  var hidden = {};
  document.addEventListener('change', function (e) {
    var box = e.target.closest('.col-menu input[data-col]');
    if (!box) { return; }
    hidden[box.dataset.col] = !box.checked;
    applyHiddenColumns();
  });
  function applyHiddenColumns() {
    document.querySelectorAll('#result-grid [data-col]').forEach(function (cell) {
      cell.hidden = !!hidden[cell.dataset.col];
    });
    document.querySelectorAll('.col-menu input[data-col]').forEach(function (b) { b.checked = !hidden[b.dataset.col]; });
  }

  function drawChart() {
    var el = document.getElementById('hunt-chart');
    if (!el || el.hidden || typeof echarts === 'undefined') { return; }
    var spec = JSON.parse(el.dataset.chart);
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    var type = { timechart: 'line', linechart: 'line', areachart: 'line', columnchart: 'bar', barchart: 'bar', scatterchart: 'scatter', piechart: 'pie' }[spec.kind];
    var option;
    if (type === 'pie') {
      var s = spec.series[0];
      option = { animation: false, tooltip: { trigger: 'item' }, legend: { type: 'scroll', orient: 'vertical', right: 0 },
        series: [{ type: 'pie', radius: ['35%', '70%'], data: s.data.map(function (d) { return { name: String(d[0]), value: d[1] }; }) }] };
    } else {
      var horizontal = spec.kind === 'barchart';
      var cat = spec.xType === 'time' ? { type: 'time', name: spec.xName, min: 'dataMin', max: 'dataMax' } : { type: 'category', name: spec.xName };
      option = {
        animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: 40, top: 36, bottom: 30, containLabel: true },
        xAxis: horizontal ? { type: 'value' } : cat, yAxis: horizontal ? Object.assign({}, cat, { inverse: true }) : { type: 'value' },
        series: spec.series.map(function (s) {
          return { name: s.name || 'value', type: type, stack: spec.kind === 'areachart' ? 'total' : undefined,
            areaStyle: spec.kind === 'areachart' ? {} : undefined, showSymbol: false,
            data: horizontal ? s.data.map(function (d) { return [d[1], d[0]]; }) : s.data };
        })
      };
    }
    chart.setOption(option, true);
  }
  window.addEventListener('resize', function () {
    var el = document.getElementById('hunt-chart');
    if (el && typeof echarts !== 'undefined' && echarts.getInstanceByDom(el)) { echarts.getInstanceByDom(el).resize(); }
  });
})();
