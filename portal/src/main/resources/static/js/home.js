// Home cards: draw each card's ECharts option (data-chart) when its live data arrives, and keep charts sized.
(function () {
  var COLORS = ['#1f5fbf', '#d9660b', '#1e7d34', '#8e44ad', '#a88400', '#c62828', '#00838f', '#6b7280'];
  function compact(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return +(v / 1e9).toFixed(1) + 'G'; }
    if (a >= 1e6) { return +(v / 1e6).toFixed(1) + 'M'; }
    if (a >= 1e3) { return +(v / 1e3).toFixed(1) + 'k'; }
    return String(v);
  }
  function draw(root) {
    if (!window.echarts) { return; }
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      try {
        var option = JSON.parse(el.getAttribute('data-chart'));
        option.color = COLORS;
        // Value axes read 2M rather than 2,000,000, so that ticks on a narrow card do not run together.
        [option.xAxis, option.yAxis].forEach(function (axis) {
          if (axis && axis.type === 'value') { axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: compact }); }
        });
        option.animationDuration = 300;
        var chart = echarts.getInstanceByDom(el) || echarts.init(el);
        chart.setOption(option, true);
      } catch (x) { el.textContent = 'Chart unavailable; see the table.'; }
    });
  }
  document.addEventListener('htmx:afterSwap', function (e) { draw(e.detail.target); });
  window.addEventListener('resize', function () {
    document.querySelectorAll('[data-chart]').forEach(function (el) { var c = window.echarts && echarts.getInstanceByDom(el); if (c) { c.resize(); } });
  });
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
})();
