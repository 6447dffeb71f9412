// Charts of series (run, compare and observable pages) with uPlot. Each figure.curve-chart lists its
// series as rows tr.series[data-series] (the /api/series URL, a label, the split and event steps);
// the chart loads them downsampled on the server, overlays them, zooms by dragging (asking the
// server again for the visible step range), switches log/linear and marks events.
(function () {
  'use strict';

  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#7f7f7f', '#bcbd22'];

  function number(v) {
    if (v === null || v === undefined || typeof v === 'string') {
      return null; // NaN, Infinity and -Infinity leave a gap
    }
    return v;
  }

  function fetchSeries(url, maxPoints, from, to) {
    var q = url + (url.indexOf('?') < 0 ? '?' : '&') + 'format=json&maxPoints=' + maxPoints;
    if (from !== null && from !== undefined) {
      q += '&from=' + Math.floor(from);
    }
    if (to !== null && to !== undefined) {
      q += '&to=' + Math.ceil(to);
    }
    return fetch(q, {headers: {Accept: 'application/json'}}).then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.json();
    });
  }

  // uPlot wants one x array shared by all series: the union of their steps, gaps as null.
  function align(parts, log) {
    var steps = {};
    parts.forEach(function (p) {
      p.step.forEach(function (s) { steps[s] = true; });
    });
    var xs = Object.keys(steps).map(Number).sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (x, i) { index[x] = i; });
    var data = [xs];
    parts.forEach(function (p) {
      var ys = new Array(xs.length).fill(null);
      for (var i = 0; i < p.step.length; i++) {
        var v = number(p.value[i]);
        ys[index[p.step[i]]] = log && v !== null && v <= 0 ? null : v;
      }
      data.push(ys);
    });
    return data;
  }

  function markers(events) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#888';
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1;
      events.forEach(function (step) {
        var x = u.valToPos(step, 'x', true);
        if (x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
      });
      ctx.restore();
    };
  }

  function setup(figure) {
    var rows = Array.prototype.slice.call(figure.querySelectorAll('tr.series[data-series]'));
    var area = figure.querySelector('.chart-area');
    var status = figure.querySelector('.chart-status');
    var scaleButton = figure.querySelector('.chart-scale');
    var resetButton = figure.querySelector('.chart-reset');
    var maxPoints = parseInt(figure.getAttribute('data-max-points') || '1000', 10);
    if (rows.length === 0 || !area) {
      return;
    }
    var sources = rows.map(function (row, i) {
      var colour = row.getAttribute('data-colour') || PALETTE[i % PALETTE.length];
      var swatch = row.querySelector('td');
      if (swatch) {
        swatch.classList.add('swatch');
        swatch.style.borderLeftColor = colour;
      }
      return {
        url: row.getAttribute('data-series'),
        label: row.getAttribute('data-label'),
        split: row.getAttribute('data-split'),
        colour: colour,
        events: (row.getAttribute('data-events') || '').split(',').filter(Boolean).map(Number)
      };
    });
    var events = (figure.getAttribute('data-run-events') || '').split(',').filter(Boolean).map(Number);
    sources.forEach(function (s) { events = events.concat(s.events); });
    var log = false;
    var plot = null;
    var parts = null;
    var full = null;
    var loadingRange = 0;

    function say(key) {
      status.textContent = key ? status.getAttribute('data-' + key) : '';
    }

    function load(from, to) {
      say('loading');
      return Promise.all(sources.map(function (s) { return fetchSeries(s.url, maxPoints, from, to); }))
        .then(function (loaded) { say(null); return loaded; })
        .catch(function (e) { say('failed'); throw e; });
    }

    function build() {
      if (plot) {
        plot.destroy();
      }
      var width = Math.max(300, area.clientWidth || figure.clientWidth || 600);
      var opts = {
        width: width,
        height: 320,
        scales: {x: {time: false}, y: {distr: log ? 3 : 1}},
        series: [{label: 'step'}].concat(sources.map(function (s, i) {
          var few = parts[i] && parts[i].points <= 50; // a short series is drawn with its points visible
          return {
            label: s.label,
            stroke: s.colour,
            width: 1.5,
            dash: s.split === 'val' || s.split === 'test' ? [6, 4] : undefined,
            spanGaps: true,
            points: few ? {show: true, size: 6, fill: s.colour} : {}
          };
        })),
        axes: [{}, {size: 70}],
        cursor: {drag: {x: true, y: false}},
        hooks: {
          draw: [markers(events)],
          setSelect: [function (u) {
            if (u.select.width > 2) {
              var from = u.posToVal(u.select.left, 'x');
              var to = u.posToVal(u.select.left + u.select.width, 'x');
              zoom(from, to);
            }
          }]
        }
      };
      plot = new uPlot(opts, align(parts, log), area);
    }

    function zoom(from, to) {
      var ticket = ++loadingRange;
      load(from, to).then(function (loaded) {
        if (ticket !== loadingRange) {
          return;
        }
        parts = loaded;
        plot.setData(align(parts, log), false);
        plot.setScale('x', {min: from, max: to});
        plot.setSelect({left: 0, top: 0, width: 0, height: 0}, false);
      });
    }

    scaleButton.addEventListener('click', function () {
      log = !log;
      scaleButton.setAttribute('data-log', String(log));
      scaleButton.textContent = scaleButton.getAttribute(log ? 'data-linear-text' : 'data-log-text');
      build();
    });
    resetButton.addEventListener('click', function () {
      loadingRange++;
      parts = full;
      build();
    });
    load(null, null).then(function (loaded) {
      full = loaded;
      parts = loaded;
      build();
    });
  }

  function start() {
    if (typeof uPlot === 'undefined') {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('figure.curve-chart'), setup);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
