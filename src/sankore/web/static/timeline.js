// Timeline: stacked bars of event counts per period (by PLOVER type or quad class) from
// /api/timeline; clicking a bar segment lists its events (its key is kept in the URL hash).
"use strict";
(function () {
  var S = window.Sankore;
  var chart = document.getElementById("chart");
  var params = new URLSearchParams(location.search);
  var interval = params.get("interval") || "month";
  var by = params.get("by") || "type";
  var palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];

  function range(bucket) {
    if (interval === "day") return [bucket, bucket];
    if (interval === "year") return [bucket + "-01-01", bucket + "-12-31"];
    var y = +bucket.slice(0, 4), m = +bucket.slice(5, 7);
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [bucket + "-01", bucket + "-" + String(last).padStart(2, "0")];
  }

  function show(key) {
    var parts = key.split("|");
    if (parts.length !== 2) return;
    var r = range(parts[0]);
    var extra = { since: r[0], until: r[1], size: 200 };
    extra[by === "type" ? "type" : "quad"] = parts[1];
    S.showEvents(parts[1] + " in " + parts[0], "/api/events?" + S.filterQuery(extra));
  }

  S.getJSON(chart.dataset.api).then(function (data) {
    var buckets = [], keys = [], totals = {}, cells = {};
    data.buckets.forEach(function (b) {
      if (buckets.indexOf(b.bucket) < 0) buckets.push(b.bucket);
      if (keys.indexOf(b.key) < 0) keys.push(b.key);
      totals[b.bucket] = (totals[b.bucket] || 0) + b.events;
      cells[b.bucket + "|" + b.key] = b.events;
    });
    keys.sort();
    var max = Math.max.apply(null, [1].concat(Object.values(totals)));
    var barW = Math.max(8, Math.min(60, Math.floor(900 / Math.max(1, buckets.length)) - 4));
    var W = Math.max(400, buckets.length * (barW + 4) + 60), H = 320, top = 10, bottom = 60;
    var svg = S.svg("svg", { width: W, height: H, role: "img", "aria-label": "timeline" });
    svg.appendChild(S.svg("line", { x1: 40, x2: W, y1: H - bottom, y2: H - bottom, stroke: "#888" }));
    var maxLabel = S.svg("text", { x: 2, y: top + 10, "font-size": 11 }); maxLabel.textContent = max;
    svg.appendChild(maxLabel);
    buckets.forEach(function (bucket, i) {
      var x = 44 + i * (barW + 4), y = H - bottom;
      keys.forEach(function (key, k) {
        var n = cells[bucket + "|" + key];
        if (!n) return;
        var h = (H - top - bottom) * n / max;
        y -= h;
        var rect = S.svg("rect", { x: x, y: y, width: barW, height: Math.max(h, 1), fill: palette[k % palette.length],
          "class": "bar", "data-key": bucket + "|" + key, "data-events": n });
        var tip = S.svg("title"); tip.textContent = bucket + " " + key + ": " + n;
        rect.appendChild(tip);
        svg.appendChild(rect);
      });
      var label = S.svg("text", { x: x, y: H - bottom + 12, "font-size": 10, transform: "rotate(45 " + x + " " + (H - bottom + 12) + ")" });
      label.textContent = bucket;
      svg.appendChild(label);
    });
    svg.addEventListener("click", function (ev) {
      var key = ev.target.getAttribute && ev.target.getAttribute("data-key");
      if (key) location.hash = encodeURIComponent(key);
    });
    chart.replaceChildren(svg);
    var legend = document.getElementById("legend");
    keys.forEach(function (key, k) {
      var item = S.el("span", key, { "class": "swatch" });
      item.style.borderLeftColor = palette[k % palette.length];
      legend.appendChild(item);
    });
    chart.appendChild(S.el("p", data.total + " events, per " + interval + ", by " + by, { "class": "muted", id: "timeline-total" }));
    chart.dataset.ready = "1";
    S.onHash(show);
  }).catch(function (err) { chart.textContent = "Error: " + err.message; });
})();
