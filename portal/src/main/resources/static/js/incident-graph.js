// Attack story graph on the incident page: alerts and entities as an ECharts force graph, with a replay slider.
(function () {
  'use strict';
  // Entity colours stay clear of the severity colours alerts are drawn in (red, orange, yellow, grey).
  var COLORS = ['#c62828', '#1f5fa8', '#2e7d32', '#6a1b9a', '#8d6e63', '#00838f', '#455a64', '#5d4037'];
  var SEV = { high: '#c62828', medium: '#d9660b', low: '#a88400', informational: '#6b7280' };
  // Entity names come from event data: ECharts tooltips render HTML, so they are escaped first.
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function init() {
    var el = document.getElementById('incident-graph');
    if (!el || typeof echarts === 'undefined') { return; }
    var chart = echarts.init(el);
    var slider = document.getElementById('graph-time');
    var play = document.getElementById('graph-play');
    fetch(el.dataset.src, { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); }).then(function (g) {
      var alerts = g.nodes.filter(function (n) { return n.category === 0; });
      function draw(shown) {
        var visible = {};
        alerts.slice(0, shown).forEach(function (a) { visible[a.id] = true; });
        var links = g.links.filter(function (l) { return visible[l.source]; });
        links.forEach(function (l) { visible[l.target] = true; });
        var nodes = g.nodes.filter(function (n) { return visible[n.id]; }).map(function (n) {
          return { id: n.id, name: n.name, category: n.category, detail: n.detail, symbol: n.category === 0 ? 'diamond' : 'circle',
            symbolSize: n.category === 0 ? 22 : 16, itemStyle: n.category === 0 ? { color: SEV[n.severity] || '#c62828' } : undefined,
            label: { show: true, position: 'right', fontSize: 11, formatter: n.name.length > 40 ? n.name.substring(0, 38) + '…' : n.name } };
        });
        chart.setOption({
          color: COLORS,
          tooltip: { formatter: function (p) { return p.dataType === 'edge' ? esc(p.data.label || '') : (esc(p.data.name) + '<br>' + esc(p.data.detail || '')); } },
          legend: { data: g.categories.map(function (c) { return c.name; }), bottom: 0 },
          series: [{ type: 'graph', layout: 'force', roam: true, draggable: true, data: nodes,
            links: links.map(function (l) { return { source: l.source, target: l.target, label: l.label }; }),
            categories: g.categories, force: { repulsion: 320, edgeLength: 110 }, lineStyle: { color: '#98a2b3' },
            edgeLabel: { show: false } }]
        }, true);
      }
      draw(alerts.length);
      if (slider) { slider.addEventListener('input', function () { draw(parseInt(slider.value, 10)); }); }
      if (play) {
        play.addEventListener('click', function () {
          var i = 1;
          var timer = setInterval(function () {
            draw(i); if (slider) { slider.value = i; }
            i++; if (i > alerts.length) { clearInterval(timer); }
          }, 700);
        });
      }
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
