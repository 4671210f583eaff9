// Exposure map: one asset of the exposure graph and the assets one relationship away; a click re-centres the map.
(function () {
  'use strict';
  var COLORS = { device: '#1f5fbf', user: '#1e7d34', group: '#8e44ad', Cve: '#d9660b' };
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function init() {
    var el = document.getElementById('exposure-map');
    if (!el || typeof echarts === 'undefined') { return; }
    var chart = echarts.init(el);
    fetch(el.dataset.src, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (g) {
      chart.setOption({
        tooltip: { formatter: function (p) {
          if (p.dataType === 'edge') { return esc(p.data.label); }
          var d = p.data;
          return '<strong>' + esc(d.name) + '</strong><br>' + esc(d.kind) + (d.criticality ? '<br>Criticality ' + esc(d.criticality) : '') + (d.internetFacing ? '<br>Internet-facing' : '');
        } },
        series: [{ type: 'graph', layout: 'force', roam: true, draggable: true, zoom: g.nodes.length < 12 ? 1.4 : 1,
          data: g.nodes.map(function (n) {
            return { id: n.id, name: n.name, kind: n.kind, criticality: n.criticality, internetFacing: n.internetFacing, href: n.href,
              symbol: n.kind === 'device' ? 'roundRect' : n.kind === 'Cve' ? 'diamond' : 'circle',
              symbolSize: n.center ? 30 : 18,
              itemStyle: { color: COLORS[n.kind] || '#6b7280', borderColor: n.criticality === 'Very high' || n.criticality === 'High' ? '#c62828' : '#fff', borderWidth: n.criticality ? 3 : 1 },
              // A function, not a template string: names come from event data and may hold ECharts' {a|…} syntax.
              label: { show: true, position: 'right', fontSize: 11, fontWeight: n.center ? 'bold' : 'normal', formatter: (function (short) { return function () { return short; }; })(n.name.length > 40 ? n.name.substring(0, 38) + '…' : n.name) } };
          }),
          links: g.links.map(function (l) { return { source: l.source, target: l.target, label: l.label }; }),
          force: { repulsion: 220, edgeLength: 120 }, lineStyle: { color: '#98a2b3' },
          edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
          edgeLabel: { show: g.links.length <= 12, fontSize: 10, color: '#6b7280', formatter: function (p) { return p.data.label; } } }]
      }, true);
      chart.on('click', function (p) { if (p.dataType === 'node' && p.data.href) { window.location.href = p.data.href; } });
      window.addEventListener('resize', function () { chart.resize(); });
    }).catch(function () {
      chart.dispose();
      el.textContent = 'The map could not be loaded (signed out, or the asset left the graph). Reload the page; the relationships are listed below.';
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
