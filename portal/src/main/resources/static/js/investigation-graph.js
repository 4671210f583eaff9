// Investigation graph: the device, the alerts investigated on it and the entities they name, coloured by verdict.
(function () {
  'use strict';
  // Names and reasons come from event data: never let them reach the tooltip as markup.
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function init() {
    var el = document.getElementById('investigation-graph');
    if (!el || typeof echarts === 'undefined') { return; }
    var chart = echarts.init(el);
    fetch(el.dataset.src, { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); }).then(function (g) {
      chart.setOption({
        tooltip: { formatter: function (p) {
          return p.dataType === 'edge' ? esc(p.data.label) : ('<strong>' + esc(p.data.name) + '</strong><br>' + (p.data.detail || []).map(esc).join('<br>'));
        } },
        series: [{ type: 'graph', layout: 'force', roam: true, draggable: true, zoom: g.nodes.length < 12 ? 1.5 : 1,
          data: g.nodes.map(function (n) {
            return { id: n.id, name: n.name, detail: n.detail, category: n.category, symbol: n.symbol, symbolSize: n.size,
              itemStyle: { color: n.color },
              label: { show: true, position: 'right', fontSize: 11, formatter: n.name.length > 44 ? n.name.substring(0, 42) + '…' : n.name } };
          }),
          links: g.links.map(function (l) { return { source: l.source, target: l.target, label: l.label }; }),
          categories: g.categories, force: { repulsion: 260, edgeLength: 110 }, lineStyle: { color: '#98a2b3' },
          edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6 }]
      }, true);
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
