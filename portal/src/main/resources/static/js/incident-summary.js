// Incident Summary tab: alerts timeline (first activity of each alert, one row per severity, severity colours).
(function () {
  'use strict';
  var SEV = { high: '#c62828', medium: '#d9660b', low: '#a88400', informational: '#6b7280' };
  var ROWS = ['Informational', 'Low', 'Medium', 'High'];
  function init() {
    var el = document.getElementById('alerts-timeline');
    if (!el || typeof echarts === 'undefined') { return; }
    var points = JSON.parse(el.dataset.points || '[]');
    if (!points.length) { el.textContent = 'This incident has no alerts left.'; el.className = 'empty pad'; return; }
    var chart = echarts.init(el);
    var series = ['high', 'medium', 'low', 'informational'].map(function (s) {
      var pts = points.filter(function (p) { return p.severity === s; });
      return { name: s.charAt(0).toUpperCase() + s.slice(1), type: 'scatter', symbolSize: 12, itemStyle: { color: SEV[s] },
        data: pts.map(function (p) { return { value: [p.time, p.severityLabel], alert: p }; }) };
    }).filter(function (s) { return s.data.length > 0; });
    var times = points.map(function (p) { return Date.parse(p.time); });
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var pad = Math.max((hi - lo) * 0.04, 60000);
    chart.setOption({
      useUTC: true,
      animation: false,
      grid: { left: 100, right: 24, top: 16, bottom: 48 },
      tooltip: { trigger: 'item', formatter: function (p) {
        var a = p.data.alert;
        return echarts.format.encodeHTML(a.title) + '<br>' + a.severityLabel + ' · ' + echarts.format.encodeHTML(a.category) + '<br>' + a.time.replace('T', ' ').replace('Z', ' UTC');
      } },
      xAxis: { type: 'time', min: lo - pad, max: hi + pad, name: 'First activity (UTC)', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: ROWS, name: 'Severity', nameLocation: 'middle', nameGap: 84 },
      series: series
    });
    chart.on('click', function (p) { if (p.data && p.data.alert) { window.location.href = '/alerts/' + encodeURIComponent(p.data.alert.id); } });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
