// Advanced hunting page: CodeMirror editor with KQL highlighting, run (all or selection), cancel, elapsed time,
// error underline at the reported line:column, schema browser insertions, column chooser and charts.
(function () {
  CodeMirror.defineSimpleMode('kql', {
    start: [
      { regex: /\/\/.*/, token: 'comment' },
      { regex: /@?"(?:[^\\"]|\\.)*"?/, token: 'string' },
      { regex: /@?'(?:[^\\']|\\.)*'?/, token: 'string' },
      { regex: /\b\d+(\.\d+)?(d|h|m|s|ms|microsecond|tick)?\b/, token: 'number' },
      { regex: /\b(where|project|project-away|project-rename|project-reorder|project-keep|extend|summarize|by|take|limit|top|sort|order|asc|desc|nulls|first|last|distinct|count|join|kind|on|union|lookup|let|mv-expand|mv-apply|parse|parse-kv|parse-where|make-series|evaluate|top-nested|top-hitters|sample-distinct|sample|fork|facet|consume|partition|scan|reduce|make-graph|graph-match|render|serialize|search|find|invoke|datatable|externaldata|materialize|toscalar|with|withsource|isfuzzy|and|or|not|in|has|has_cs|has_any|has_all|contains|contains_cs|startswith|startswith_cs|endswith|endswith_cs|matches|regex|between|hasprefix|hassuffix|inner|innerunique|leftouter|rightouter|fullouter|leftanti|rightanti|leftsemi|rightsemi|anti|semi|true|false|dynamic|typeof)\b/, token: 'keyword' },
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
  cm.setOption('extraKeys', { 'Ctrl-Enter': run, 'Cmd-Enter': run, 'Shift-Enter': run,
    'Ctrl-Space': function (editor) { editor.showHint({ hint: kqlHint, completeSingle: false }); } });

  // Autocomplete: tables at the start of a statement, tabular operators after "|", columns of the tables the
  // query names plus functions elsewhere, and frequent column values inside a string after "Column ==".
  var OPERATORS = ['where', 'project', 'project-away', 'project-rename', 'project-reorder', 'project-keep', 'extend',
    'summarize', 'take', 'limit', 'top', 'sort by', 'order by', 'distinct', 'count', 'join', 'union', 'lookup',
    'mv-expand', 'mv-apply', 'parse', 'parse-kv', 'parse-where', 'make-series', 'evaluate', 'render', 'serialize', 'search',
    'invoke', 'as', 'getschema', 'top-nested', 'top-hitters', 'sample', 'sample-distinct', 'fork', 'facet by', 'consume',
    'partition', 'scan', 'reduce by', 'make-graph', 'project-by-names'];
  // The evaluate plugins the compiler runs (kql analyzer/Plugins.java).
  var PLUGINS = ['bag_unpack', 'pivot', 'narrow', 'dcount_intersect', 'ipv4_lookup', 'ipv6_lookup', 'geo_polygon_lookup',
    'geo_line_lookup', 'rolling_percentile', 'schema_merge', 'activity_counts_metrics', 'activity_metrics',
    'activity_engagement', 'active_users_count', 'new_activity_metrics', 'sliding_window_counts', 'session_count',
    'funnel_sequence', 'funnel_sequence_completion', 'sequence_detect', 'rows_near', 'basket', 'autocluster', 'diffpatterns',
    'preview'];
  var FUNCTIONS = ['ago', 'now', 'bin', 'count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'min', 'max',
    'arg_max', 'arg_min', 'make_set', 'make_list', 'make_bag', 'take_any', 'percentile', 'stdev', 'tolower', 'toupper',
    'strlen', 'substring', 'strcat', 'split', 'extract', 'extract_all', 'replace_string', 'replace_regex', 'trim',
    'tostring', 'toint', 'tolong', 'todouble', 'tobool', 'todatetime', 'totimespan', 'isempty', 'isnotempty', 'isnull',
    'isnotnull', 'iff', 'case', 'coalesce', 'startofday', 'startofweek', 'endofday', 'format_datetime', 'datetime_diff',
    'parse_json', 'parse_xml', 'array_length', 'bag_keys', 'pack_array', 'bag_pack', 'set_has_element', 'ipv4_is_private',
    'ipv4_is_in_range', 'parse_path', 'parse_url', 'countof', 'base64_decode_tostring', 'hash_sha256', 'materialize', 'toscalar'];
  var KEYWORDS = ['and', 'or', 'not', 'has', 'has_any', 'has_all', 'contains', 'startswith', 'endswith', 'matches regex',
    'in', 'in~', '!in', '!has', '!contains', 'between', 'by', 'on', 'kind=', 'asc', 'desc', 'true', 'false', 'dynamic'];
  var schemaInfo = null;
  var savedFunctions = [];
  var guidedOperators = {};
  var valueCache = {};
  function loadSchemaInfo() {
    fetch('/hunting/schema.json', { credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (s) { schemaInfo = s.tables; savedFunctions = s.functions || []; guidedOperators = s.guidedOperators || {}; });
  }
  loadSchemaInfo();

  function tablesInQuery(text) {
    if (!schemaInfo) { return []; }
    return Object.keys(schemaInfo).filter(function (t) { return new RegExp('\\b' + t + '\\b').test(text); });
  }

  function kqlHint(editor, callback) {
    var cur = editor.getCursor();
    var line = editor.getLine(cur.line);
    var start = cur.ch;
    while (start > 0 && /[\w\-]/.test(line.charAt(start - 1))) { start--; }
    var word = line.slice(start, cur.ch);
    var before = editor.getRange({ line: 0, ch: 0 }, { line: cur.line, ch: start });
    var text = editor.getValue();
    var tables = tablesInQuery(text);
    var list = [];
    var inString = /(\w+)\s*(==|=~|!=|!~|has|contains|startswith|in~?\s*\([^)]*)\s*["']([^"']*)$/.exec(line.slice(0, cur.ch));
    if (inString && tables.length) {
      var col = inString[1], prefix = inString[3];
      var key = tables[0] + '.' + col;
      var finish = function (values) {
        callback({ list: values.filter(function (v) { return v.toLowerCase().indexOf(prefix.toLowerCase()) === 0; }),
          from: CodeMirror.Pos(cur.line, cur.ch - prefix.length), to: cur });
      };
      if (valueCache[key]) { finish(valueCache[key]); return; }
      fetch('/hunting/values.json?table=' + encodeURIComponent(tables[0]) + '&column=' + encodeURIComponent(col), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); }).then(function (v) { valueCache[key] = v; finish(v); });
      return;
    }
    if (/\|\s*$/.test(before)) {
      list = OPERATORS;
    } else if (/\|\s*evaluate\s+$/.test(before)) {
      list = PLUGINS;
    } else if (/(^|;|\(|=)\s*$/.test(before) || /\b(union|join|lookup)\s+(kind\s*=\s*\w+\s+)?\(?\s*$/.test(before)) {
      list = (schemaInfo ? Object.keys(schemaInfo) : []).concat(savedFunctions);
    } else {
      var seen = {};
      tables.forEach(function (t) { schemaInfo[t].forEach(function (c) { seen[c[0]] = true; }); });
      list = Object.keys(seen).concat(savedFunctions, FUNCTIONS, KEYWORDS);
    }
    var lw = word.toLowerCase();
    callback({ list: list.filter(function (x) { return x.toLowerCase().indexOf(lw) === 0 && x !== word; }).slice(0, 60),
      from: CodeMirror.Pos(cur.line, start), to: cur });
  }
  kqlHint.async = true;

  cm.on('inputRead', function (editor, change) {
    if (change.origin !== '+input') { return; }
    var ch = change.text[change.text.length - 1];
    if (/^[\w\-]$/.test(ch) || ch === '"' || ch === "'" || ch === ' ' && /\|\s$/.test(editor.getLine(editor.getCursor().line).slice(0, editor.getCursor().ch))) {
      editor.showHint({ hint: kqlHint, completeSingle: false });
    }
  });


  // A custom time range runs as the ISO interval start/end (UTC), which the server reads like the Graph API's Timespan.
  var timespan = document.getElementById('timespan');
  timespan.addEventListener('change', function () { document.getElementById('custom-range').hidden = timespan.value !== 'custom'; });
  function customRange() {
    var from = document.getElementById('range-from').value;
    var to = document.getElementById('range-to').value;
    if (!from || !to) { return null; }
    function iso(v) { return v.length === 16 ? v + ':00Z' : v + 'Z'; }
    return iso(from) + '/' + iso(to);
  }

  // A saved query's edit form sends the editor's text instead of the saved one when asked to.
  document.body.addEventListener('htmx:configRequest', function (e) {
    if (e.detail.elt.hasAttribute('data-editor-query') && e.detail.parameters.useEditor) { e.detail.parameters.query = cm.getValue(); }
  });
  form.addEventListener('htmx:configRequest', function (e) {
    if (e.detail.elt.hasAttribute('data-with-query')) { e.detail.parameters.query = cm.getValue(); return; }
    if (e.detail.elt !== form) { return; }
    if (timespan.value === 'custom') {
      var range = customRange();
      if (range === null) {
        e.preventDefault();
        document.getElementById('hunt-results').innerHTML = '<div class="alert alert-error" role="alert">Choose both ends of the custom time range.</div>';
        return;
      }
      e.detail.parameters.timespan = range;
    }
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
    syncSelection();
  });

  // Row selection (for "Take actions" and "Link to incident"): ids of the result's rows, kept across pages, sorts and cell filters of the
  // same result and dropped when another result is shown.
  var selection = { result: null, rows: new Set() };
  function syncSelection() {
    var bar = document.getElementById('selection-bar');
    if (!bar) { return; }
    if (selection.result !== bar.dataset.result) { selection = { result: bar.dataset.result, rows: new Set() }; }
    var boxes = document.querySelectorAll('#result-grid .sel-row');
    var all = boxes.length > 0;
    boxes.forEach(function (b) { b.checked = selection.rows.has(b.value); all = all && b.checked; });
    var page = document.querySelector('#result-grid .sel-page');
    if (page) { page.checked = all; }
    var n = selection.rows.size;
    bar.querySelector('.sel-count').textContent = n === 0 ? 'No rows selected' : n.toLocaleString() + (n === 1 ? ' row selected' : ' rows selected');
    bar.querySelectorAll('.sel-action').forEach(function (b) { b.disabled = n === 0; });
    bar.querySelector('.sel-clear').hidden = n === 0;
  }
  document.addEventListener('change', function (e) {
    if (e.target.matches('#result-grid .sel-row')) {
      if (e.target.checked) { selection.rows.add(e.target.value); } else { selection.rows.delete(e.target.value); }
      syncSelection();
    } else if (e.target.matches('#result-grid .sel-page')) {
      var on = e.target.checked;
      document.querySelectorAll('#result-grid .sel-row').forEach(function (b) {
        if (on) { selection.rows.add(b.value); } else { selection.rows.delete(b.value); }
      });
      syncSelection();
    }
  });
  // A click on a row opens its details, except on its checkbox or cell menu. (An htmx trigger filter would do this
  // with eval, which the content security policy forbids.)
  document.addEventListener('click', function (e) {
    var row = e.target.closest('#result-grid tbody tr');
    if (row && !e.target.closest('.cell-filter, .sel')) { htmx.trigger(row, 'open-row'); }
  });
  // A linked or acted-on selection is done with; typing an incident number means linking to that incident.
  document.body.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target.id === 'flyout' && e.detail.target.querySelector('.link-done')) { selection.rows.clear(); syncSelection(); }
  });
  document.addEventListener('input', function (e) {
    if (e.target.id === 'link-incident-id' && e.target.value.trim() !== '') {
      var existing = document.querySelector('#link-incident-form input[name=target][value=existing]');
      if (existing) { existing.checked = true; }
    }
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('#selection-bar .sel-clear')) { selection.rows.clear(); syncSelection(); return; }
    var link = e.target.closest('#selection-bar .sel-action');
    if (link && selection.rows.size > 0) {
      htmx.ajax('POST', link.dataset.url, { target: '#flyout', values: { rows: Array.from(selection.rows).join(',') } });
    }
  });

  // A cell's menu: filter the shown rows on the value, or add "where Column ==/!= value" to the query and run it.
  function kqlName(name) { return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "['" + name.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']"; }
  function kqlLiteral(type, v) {
    if (type === 'string') {
      return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
    }
    if (type === 'long' || type === 'int' || type === 'real' || type === 'decimal') { return /^-?[0-9.eE+-]+$/.test(v) ? v : null; }
    if (type === 'bool') { return v === 'true' || v === 'false' ? v : null; }
    if (type === 'guid') { return /^[0-9a-fA-F-]{36}$/.test(v) ? 'guid(' + v + ')' : null; }
    return null; // datetimes show milliseconds and dynamic values JSON: an equality on the text could miss the row
  }
  var cellMenu = null;
  function closeCellMenu() { if (cellMenu) { cellMenu.remove(); cellMenu = null; } }
  function openCellMenu(btn) {
    closeCellMenu();
    var d = btn.dataset;
    var lit = kqlLiteral(d.type, d.value);
    var menu = document.createElement('div');
    menu.className = 'menu cell-menu';
    menu.setAttribute('role', 'menu');
    function item(label, action) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'menu-item';
      b.setAttribute('role', 'menuitem');
      b.textContent = label;
      b.addEventListener('click', function () { closeCellMenu(); action(); });
      menu.appendChild(b);
    }
    function append(clause) {
      // A trailing render stays last (the analyzer requires it); the clause goes just before it.
      var text = cm.getValue().replace(/\s+$/, '');
      var render = /\n?\s*\|\s*render\b[^|]*$/.exec(text);
      cm.setValue(render ? text.slice(0, render.index) + '\n' + clause + render[0] : text + '\n' + clause);
      run();
    }
    function filtered(op) { return d.filterUrl + '&f=' + encodeURIComponent(op + '~' + d.col.replace(/~/g, '~~') + '~' + d.value); }
    item('Show only rows with this value', function () { htmx.ajax('GET', filtered('eq'), { target: '#hunt-results' }); });
    item('Hide rows with this value', function () { htmx.ajax('GET', filtered('ne'), { target: '#hunt-results' }); });
    if (lit !== null) {
      [['==', 'Include in query'], ['!=', 'Exclude in query']].forEach(function (op) {
        var clause = '| where ' + kqlName(d.col) + ' ' + op[0] + ' ' + lit;
        item(op[1] + ': ' + (clause.length > 70 ? clause.slice(0, 69) + '\u2026' : clause), function () { append(clause); });
      });
    }
    if (d.type === 'datetime' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(d.value)) {
      // Pivot on time: what else happened around this moment (the grid shows milliseconds, so a range is exact enough).
      var at = 'datetime(' + d.value.replace(' ', 'T') + ')';
      item('Within 5 minutes of this time', function () {
        append('| where ' + kqlName(d.col) + ' between ((' + at + ' - 5m) .. (' + at + ' + 5m))');
      });
    }
    if (d.type === 'dynamic') {
      var bag = null;
      try { bag = JSON.parse(d.value); } catch (x) { bag = null; }
      if (bag && typeof bag === 'object' && !Array.isArray(bag)) {
        Object.keys(bag).slice(0, 12).forEach(function (k) {
          var path = kqlName(d.col) + (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? '.' + k : "['" + k.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']");
          var col = (d.col + '_' + k).replace(/[^A-Za-z0-9_]/g, '_');
          item('Add column ' + col + ' = ' + path, function () { append('| extend ' + col + ' = tostring(' + path + ')'); });
        });
      }
    }
    item('Copy value', function () { if (navigator.clipboard) { navigator.clipboard.writeText(d.value); } });
    document.body.appendChild(menu);
    var r = btn.getBoundingClientRect();
    menu.style.top = (window.scrollY + r.bottom + 2) + 'px';
    menu.style.left = Math.max(8, window.scrollX + r.right - menu.offsetWidth) + 'px';
    cellMenu = menu;
    menu.querySelector('button').focus();
  }
  document.addEventListener('click', function (e) {
    var btn = e.target.closest('.cell-filter');
    if (btn) { e.stopPropagation(); openCellMenu(btn); return; }
    if (cellMenu && !cellMenu.contains(e.target)) { closeCellMenu(); }
  }, true);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { closeCellMenu(); } });

  // Saved functions: "Edit" opens the body in the editor and the save form on that function; saving keeps updating it.
  function editFunction(id, d) {
    document.getElementById('function-id').value = id;
    var editing = document.getElementById('function-editing');
    editing.hidden = id === '0';
    editing.querySelector('b').textContent = d.name || '';
    if (d.body !== undefined) {
      document.getElementById('function-name').value = d.name;
      document.getElementById('function-parameters').value = d.parameters || '';
      document.getElementById('function-folder').value = d.folder || '';
      document.getElementById('function-description').value = d.description || '';
      document.getElementById('function-shared').checked = d.shared === 'true';
      document.getElementById('function-status').textContent = '';
      cm.setValue(d.body);
      document.getElementById('save-function').open = true;
      document.getElementById('function-name').focus();
    }
  }
  // Guided mode: a table, conditions from drop-downs, columns and a row limit. The server writes the KQL (names from
  // the schema, values as escaped literals); it lands in the editor and runs like any query, so it can be edited on.
  var guided = document.getElementById('guided');
  var huntMain = form.closest('.hunt-main');
  var NO_OPERAND = ['isempty', 'isnotempty', 'isnull', 'isnotnull', 'true', 'false'];
  function guidedMode() { return !guided.hidden; }
  function setMode(mode) {
    document.querySelectorAll('.mode-switch [data-mode]').forEach(function (b) {
      var on = b.dataset.mode === mode;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    guided.hidden = mode !== 'guided';
    huntMain.classList.toggle('guided-mode', mode === 'guided');
    if (mode === 'advanced') { cm.refresh(); }
    if (mode === 'guided' && !document.querySelector('.guided-condition')) { addCondition(); }
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function tableColumns() { var t = document.getElementById('guided-table').value; return (schemaInfo && schemaInfo[t]) || []; }
  function fillOperators(row) {
    var col = row.querySelector('[name=col]');
    var op = row.querySelector('[name=op]');
    var type = (tableColumns().filter(function (c) { return c[0] === col.value; })[0] || [null, 'string'])[1];
    op.innerHTML = '';
    (guidedOperators[type] || guidedOperators.string || []).forEach(function (o) { op.appendChild(el('option', { value: o[0] }, o[1])); });
    showOperand(row);
  }
  function showOperand(row) {
    row.querySelector('[name=val]').hidden = NO_OPERAND.indexOf(row.querySelector('[name=op]').value) >= 0;
  }
  function addCondition() {
    var row = el('div', { 'class': 'guided-condition' });
    var col = el('select', { name: 'col', 'aria-label': 'Column' });
    col.appendChild(el('option', { value: '' }, 'Column…'));
    tableColumns().forEach(function (c) { col.appendChild(el('option', { value: c[0] }, c[0] + ' (' + c[1] + ')')); });
    var op = el('select', { name: 'op', 'aria-label': 'Operator' });
    var val = el('input', { name: 'val', 'aria-label': 'Value', placeholder: 'Value' });
    var remove = el('button', { type: 'button', 'class': 'link-btn', 'aria-label': 'Remove condition' }, '\u00d7');
    col.addEventListener('change', function () { fillOperators(row); });
    op.addEventListener('change', function () { showOperand(row); });
    remove.addEventListener('click', function () { row.remove(); });
    [col, op, val, remove].forEach(function (e) { row.appendChild(e); });
    document.getElementById('guided-conditions').appendChild(row);
    fillOperators(row);
  }
  document.getElementById('guided-table').addEventListener('change', function () {
    document.getElementById('guided-conditions').innerHTML = '';
    addCondition();
    var list = document.getElementById('guided-show-list');
    list.innerHTML = '';
    tableColumns().forEach(function (c) {
      var label = el('label', { 'class': 'check' });
      label.appendChild(el('input', { type: 'checkbox', name: 'show', value: c[0] }));
      label.appendChild(document.createTextNode(' ' + c[0]));
      list.appendChild(label);
    });
  });
  document.getElementById('guided-add').addEventListener('click', addCondition);
  document.querySelectorAll('.mode-switch [data-mode]').forEach(function (b) {
    b.addEventListener('click', function () { setMode(b.dataset.mode); });
  });
  function guidedKql(then) {
    var p = new URLSearchParams();
    p.append('table', document.getElementById('guided-table').value);
    p.append('match', document.getElementById('guided-match').value);
    p.append('limit', document.getElementById('guided-limit').value);
    document.querySelectorAll('.guided-condition').forEach(function (row) {
      ['col', 'op', 'val'].forEach(function (n) { p.append(n, row.querySelector('[name=' + n + ']').value); });
      row.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    });
    document.querySelectorAll('#guided-show-list input:checked').forEach(function (c) { p.append('show', c.value); });
    var status = document.getElementById('guided-status');
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    var h = document.querySelector('meta[name="csrf-header"]');
    var t = document.querySelector('meta[name="csrf-token"]');
    if (h && t) { headers[h.content] = t.content; }
    fetch('/hunting/guided', { method: 'POST', credentials: 'same-origin', headers: headers, body: p.toString() })
      .then(function (r) {
        return r.json().then(function (b) { return { ok: r.ok, body: b }; }, function () {
          return { ok: false, body: { message: 'The query could not be built (HTTP ' + r.status + '); reload the page if your session ended.' } };
        });
      }, function () { return { ok: false, body: { message: 'The server could not be reached.' } }; })
      .then(function (r) {
        status.innerHTML = '';
        if (!r.ok) {
          status.appendChild(el('div', { 'class': 'alert alert-error' }, r.body.message || 'The query could not be built.'));
          var m = /^condition (\d+)$/.exec(r.body.field || '');
          var row = m && document.querySelectorAll('.guided-condition')[+m[1] - 1];
          if (row) { row.querySelectorAll('select, input').forEach(function (e) { e.setAttribute('aria-invalid', 'true'); }); }
          return;
        }
        cm.setValue(r.body.kql);
        then();
      });
  }
  document.getElementById('guided-edit').addEventListener('click', function () { guidedKql(function () { setMode('advanced'); cm.focus(); }); });
  document.getElementById('run-btn').addEventListener('click', function (e) {
    if (!guidedMode()) { return; }
    e.preventDefault();
    guidedKql(run);
  });

  var createRule = document.getElementById('create-rule-btn');
  if (createRule) {
    createRule.addEventListener('click', function () {
      var f = document.getElementById('rule-from-query');
      var selection = cm.getSelection();
      f.elements.query.value = selection.trim() !== '' ? selection : cm.getValue();
      f.submit();
    });
  }
  document.getElementById('function-new').addEventListener('click', function () { editFunction('0', {}); });
  document.body.addEventListener('functions-changed', function (e) {
    if (e.detail && e.detail.id) { editFunction(String(e.detail.id), { name: e.detail.name }); }
    if (schemaInfo !== null) { loadSchemaInfo(); }
  });

  // Schema browser: insert names, sample queries, filter.
  document.addEventListener('click', function (e) {
    var ins = e.target.closest('[data-insert]');
    if (ins) { cm.replaceSelection(ins.dataset.insert); cm.focus(); return; }
    var edit = e.target.closest('[data-edit-function]');
    if (edit) { editFunction(edit.dataset.editFunction, edit.dataset); return; }
    var load = e.target.closest('[data-load-query]');
    if (load) { cm.setValue(load.dataset.loadQuery); cm.focus(); if (load.hasAttribute('data-run')) { run(); } return; }
    var tab = e.target.closest('[data-tab]');
    if (tab) {
      document.querySelectorAll('.hunt-schema [data-tab]').forEach(function (t) {
        var on = t === tab;
        t.classList.toggle('active', on);
        t.setAttribute('aria-selected', on ? 'true' : 'false');
        document.getElementById(t.dataset.tab).hidden = !on;
      });
      return;
    }
    var sample = e.target.closest('[data-sample]');
    if (sample) { cm.setValue(sample.dataset.sample + '\n| take 100'); cm.focus(); return; }
  });
  // Query tabs, kept in this browser so drafts survive a reload. A pre-filled query (?q=) opens in its own tab.
  var TABS_KEY = 'rampart.hunting.tabs';
  var tabs;
  try { tabs = JSON.parse(localStorage.getItem(TABS_KEY)); } catch (x) { tabs = null; }
  if (!tabs || !tabs.list || !tabs.list.length) { tabs = { list: [{ id: 1, name: 'Query 1', query: cm.getValue() }], active: 1, next: 2 }; }
  var prefilled = textarea.value;
  function activeTab() { return tabs.list.filter(function (t) { return t.id === tabs.active; })[0] || tabs.list[0]; }
  function saveTabs() { try { localStorage.setItem(TABS_KEY, JSON.stringify(tabs)); } catch (x) {} }
  function newTab(query) {
    var t = { id: tabs.next, name: 'Query ' + tabs.next, query: query || '' };
    tabs.next++;
    tabs.list.push(t);
    return t;
  }
  if (prefilled.trim() !== '') {
    var cur = activeTab();
    if (cur.query.trim() === '' || cur.query === prefilled) { cur.query = prefilled; } else { tabs.active = newTab(prefilled).id; }
  }
  function renderTabs() {
    var bar = document.getElementById('query-tabs');
    bar.innerHTML = '';
    tabs.list.forEach(function (t) {
      var b = document.createElement('span');
      b.className = 'qtab' + (t.id === tabs.active ? ' active' : '');
      var name = document.createElement('button');
      name.type = 'button'; name.className = 'qtab-name'; name.textContent = t.name; name.dataset.qtab = t.id;
      name.setAttribute('aria-pressed', t.id === tabs.active ? 'true' : 'false');
      b.appendChild(name);
      if (tabs.list.length > 1) {
        var x = document.createElement('button');
        x.type = 'button'; x.className = 'qtab-close'; x.textContent = '×'; x.dataset.qtabClose = t.id;
        x.setAttribute('aria-label', 'Close ' + t.name);
        b.appendChild(x);
      }
      bar.appendChild(b);
    });
    var add = document.createElement('button');
    add.type = 'button'; add.className = 'qtab-add'; add.textContent = '+'; add.dataset.qtabAdd = '1';
    add.setAttribute('aria-label', 'New query tab');
    bar.appendChild(add);
  }
  function switchTo(id) {
    activeTab().query = cm.getValue();
    tabs.active = id;
    cm.setValue(activeTab().query);
    document.getElementById('hunt-results').innerHTML = '';
    saveTabs(); renderTabs(); cm.focus();
  }
  cm.setValue(activeTab().query);
  renderTabs(); saveTabs();
  cm.on('change', function () { activeTab().query = cm.getValue(); saveTabs(); });
  document.getElementById('query-tabs').addEventListener('click', function (e) {
    var t = e.target;
    if (t.dataset.qtab) { switchTo(+t.dataset.qtab); }
    else if (t.dataset.qtabAdd) { activeTab().query = cm.getValue(); switchTo(newTab('').id); }
    else if (t.dataset.qtabClose) {
      var id = +t.dataset.qtabClose;
      tabs.list = tabs.list.filter(function (x) { return x.id !== id; });
      if (tabs.active === id) { tabs.active = tabs.list[0].id; cm.setValue(activeTab().query); }
      saveTabs(); renderTabs();
    }
  });

  var filter = document.getElementById('schema-filter');
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('#schema-list .schema-table[data-table]').forEach(function (d) {
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

  // stacked100: each x's values as shares of their total.
  function percent(series) {
    var totals = {};
    series.forEach(function (s) { s.data.forEach(function (d) { var k = String(d[0]); totals[k] = (totals[k] || 0) + (+d[1] || 0); }); });
    series.forEach(function (s) { s.data = s.data.map(function (d) { var t = totals[String(d[0])]; return [d[0], t ? Math.round(1000 * (+d[1] || 0) / t) / 10 : 0]; }); });
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
      // Area charts stack by default, column and bar charts only when asked (kind=stacked/stacked100).
      var stacked = spec.stacking === 'stacked' || spec.stacking === 'stacked100' || (spec.kind === 'areachart' && spec.stacking !== 'unstacked');
      if (spec.stacking === 'stacked100') { percent(spec.series); }
      var cat = spec.xType === 'time' ? { type: 'time', name: spec.xName, min: 'dataMin', max: 'dataMax' } : { type: 'category', name: spec.xName };
      if (spec.categories) { cat.data = spec.categories; }
      option = {
        animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: 40, top: 36, bottom: 30, containLabel: true },
        xAxis: horizontal ? { type: 'value' } : cat, yAxis: horizontal ? Object.assign({}, cat, { inverse: true }) : { type: 'value' },
        series: spec.series.map(function (s) {
          return { name: s.name || 'value', type: type, stack: stacked ? 'total' : undefined,
            areaStyle: spec.kind === 'areachart' ? {} : undefined, showSymbol: false,
            data: horizontal ? s.data.map(function (d) { return [d[1], d[0]]; }) : s.data };
        })
      };
      // render's presentation properties: axis titles and range, log scale.
      var values = horizontal ? option.xAxis : option.yAxis;
      if (spec.ytitle) { values.name = spec.ytitle; }
      // The parser keeps a negative bound as "- 5": read it without the space.
      function bound(v) { var n = v === undefined ? NaN : +String(v).replace(/\s+/g, ''); return isNaN(n) ? undefined : n; }
      if (bound(spec.ymin) !== undefined) { values.min = bound(spec.ymin); }
      if (bound(spec.ymax) !== undefined) { values.max = bound(spec.ymax); }
      if (spec.yaxis === 'log') { values.type = 'log'; }
      if (spec.stacking === 'stacked100') { values.max = 100; }
    }
    if (spec.title) { option.title = { text: spec.title, left: 'center', top: 0, textStyle: { fontSize: 13 } }; if (option.legend) { option.legend.top = 22; } if (option.grid) { option.grid.top = 56; } }
    if (spec.legend === 'hidden') { delete option.legend; }
    // Defender exports a chart as JPEG; the toolbox's save button writes one with a white background.
    option.toolbox = { right: 4, top: 0, feature: { saveAsImage: { type: 'jpeg', name: 'hunting-chart', title: 'Save as JPEG', backgroundColor: '#fff' } } };
    if (option.legend) { option.legend.right = 40; }
    chart.setOption(option, true);
  }
  window.addEventListener('resize', function () {
    var el = document.getElementById('hunt-chart');
    if (el && typeof echarts !== 'undefined' && echarts.getInstanceByDom(el)) { echarts.getInstanceByDom(el).resize(); }
  });
})();
