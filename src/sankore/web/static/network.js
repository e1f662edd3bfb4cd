// Actor network: nodes on a circle, one edge per (actor, target) from /api/network, width
// by event count, colour by mean PLOVER score; clicking an edge lists the event mentions
// behind it (the edge is kept in the URL hash).
"use strict";
(function () {
  var S = window.Sankore;
  var box = document.getElementById("network");
  var edges = {};

  function colour(score) {
    // -10 (conflict, red) .. 0 (grey) .. +10 (cooperation, blue)
    var t = Math.max(-1, Math.min(1, score / 10));
    var r = t < 0 ? 200 : Math.round(150 - 110 * t), b = t > 0 ? 200 : Math.round(150 + 110 * t);
    var g = Math.round(150 - 60 * Math.abs(t));
    return "rgb(" + r + "," + g + "," + b + ")";
  }

  function show(hash) {
    var edge = edges[hash];
    if (!edge) return;
    var keys = [];
    edge.corpus_events.forEach(function (ce) {
      ce.mentions.forEach(function (m) { keys.push(m[0] + "/" + m[1]); });
    });
    S.showEvents(edge.actor + " → " + edge.target + " (" + edge.events + " corpus events, score " + edge.score + ")",
      "/api/mentions?keys=" + encodeURIComponent(keys.join(",")));
  }

  S.getJSON(box.dataset.api).then(function (data) {
    var n = data.nodes.length, W = 1000, H = Math.max(640, 40 + n * 8), R = Math.min(W, H) / 2 - 60;
    var pos = {};
    data.nodes.forEach(function (node, i) {
      var a = 2 * Math.PI * i / Math.max(1, n);
      pos[node.id] = [W / 2 + R * Math.cos(a), H / 2 + R * Math.sin(a), a];
    });
    var svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "actor network" });
    var defs = S.svg("defs");
    var marker = S.svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    marker.appendChild(S.svg("path", { d: "M0,0L10,5L0,10z", fill: "#666" }));
    defs.appendChild(marker); svg.appendChild(defs);
    var max = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
    data.edges.slice().reverse().forEach(function (e, i) {
      var a = pos[e.actor], b = pos[e.target];
      var key = e.actor + "→" + e.target;
      edges[key] = e;
      // Stop short of the target's dot, so that the arrowhead shows.
      var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      var x2 = b[0] - dx / len * 6, y2 = b[1] - dy / len * 6;
      var line = S.svg("line", { x1: a[0], y1: a[1], x2: x2, y2: y2, stroke: colour(e.score),
        "stroke-width": 1.5 + 8 * e.events / max, "class": "edge", "data-key": key, "data-events": e.events,
        "marker-end": "url(#arrow)" });
      var tip = S.svg("title"); tip.textContent = key + ": " + e.events + " events, score " + e.score;
      line.appendChild(tip);
      svg.appendChild(line);
    });
    data.nodes.forEach(function (node) {
      var p = pos[node.id];
      svg.appendChild(S.svg("circle", { cx: p[0], cy: p[1], r: 4, "class": "node" }));
      var right = Math.cos(p[2]) >= 0;
      var label = S.svg("text", { x: p[0] + (right ? 7 : -7), y: p[1] + 4, "text-anchor": right ? "start" : "end", "class": "node-label" });
      label.textContent = node.id;
      svg.appendChild(label);
    });
    svg.addEventListener("click", function (ev) {
      var key = ev.target.getAttribute && ev.target.getAttribute("data-key");
      if (key) location.hash = encodeURIComponent(key);
    });
    box.replaceChildren(svg);
    box.appendChild(S.el("p", data.nodes.length + " actors, " + data.edges.length + " actor pairs", { "class": "muted", id: "network-summary" }));
    box.dataset.ready = "1";
    S.onHash(show);
  }).catch(function (err) { box.textContent = "Error: " + err.message; });
})();
