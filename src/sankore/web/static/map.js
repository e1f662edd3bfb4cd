// Map: country outlines (Natural Earth 1:110m, shipped with the package) in an
// equirectangular projection, and the filter's event places clustered on a pixel grid;
// clicking a cluster lists the events placed inside its box (kept in the URL hash).
"use strict";
(function () {
  var S = window.Sankore;
  var box = document.getElementById("map");
  var W = 960, H = 480, CELL = 28;

  function x(lon) { return (lon + 180) / 360 * W; }
  function y(lat) { return (90 - lat) / 180 * H; }

  function ringPath(ring) {
    var d = "", prev = null;
    ring.forEach(function (p) {
      // A ring crossing the antimeridian is cut there instead of drawn across the map.
      d += (prev === null || Math.abs(p[0] - prev[0]) > 180 ? "M" : "L") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1);
      prev = p;
    });
    return d + "Z";
  }

  function geometryPath(g) {
    if (!g) return "";
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }

  function show(hash) {
    if (hash.indexOf("bbox=") !== 0) return;
    var bbox = hash.slice(5);
    S.showEvents("Events placed in " + bbox, "/api/events?" + S.filterQuery({ bbox: bbox, size: 200 }));
  }

  Promise.all([S.getJSON("/static/vendor/world-atlas/countries-110m.json"), S.getJSON(box.dataset.api)])
    .then(function (both) {
      var topo = both[0], data = both[1];
      var svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "map" });
      svg.appendChild(S.svg("rect", { x: 0, y: 0, width: W, height: H, "class": "sea" }));
      var land = window.topojson.feature(topo, topo.objects.countries);
      land.features.forEach(function (f) {
        var path = S.svg("path", { d: geometryPath(f.geometry), "class": "country" });
        var tip = S.svg("title"); tip.textContent = (f.properties && f.properties.name) || "";
        path.appendChild(tip);
        svg.appendChild(path);
      });
      var cells = {};
      data.places.forEach(function (p) {
        var key = Math.floor(x(p.lon) / CELL) + ":" + Math.floor(y(p.lat) / CELL);
        var c = cells[key] || (cells[key] = { events: 0, places: [], s: 90, n: -90, w: 180, e: -180, sx: 0, sy: 0 });
        c.events += p.events; c.places.push(p.name || "?");
        c.s = Math.min(c.s, p.lat); c.n = Math.max(c.n, p.lat); c.w = Math.min(c.w, p.lon); c.e = Math.max(c.e, p.lon);
        c.sx += x(p.lon) * p.events; c.sy += y(p.lat) * p.events;
      });
      Object.keys(cells).forEach(function (key) {
        var c = cells[key];
        var bbox = [c.s, c.w, c.n, c.e].map(function (v) { return +v.toFixed(4); }).join(",");
        var g = S.svg("g", { "class": "cluster", "data-bbox": bbox, "data-events": c.events });
        var r = 4 + 3 * Math.sqrt(c.events);
        g.appendChild(S.svg("circle", { cx: c.sx / c.events, cy: c.sy / c.events, r: Math.min(r, 30) }));
        var label = S.svg("text", { x: c.sx / c.events, y: c.sy / c.events + 4, "text-anchor": "middle" });
        label.textContent = c.events;
        g.appendChild(label);
        var tip = S.svg("title");
        tip.textContent = c.places.slice(0, 8).join(", ") + (c.places.length > 8 ? "…" : "") + ": " + c.events + " events";
        g.appendChild(tip);
        svg.appendChild(g);
      });
      svg.addEventListener("click", function (ev) {
        var g = ev.target.closest && ev.target.closest(".cluster");
        if (g) location.hash = "bbox=" + g.getAttribute("data-bbox");
      });
      box.replaceChildren(svg);
      document.getElementById("map-summary").textContent = data.total + " placed events at " + data.places.length +
        " places, in " + Object.keys(cells).length + " clusters. Click a cluster for its events.";
      box.dataset.ready = "1";
      S.onHash(show);
    }).catch(function (err) { box.textContent = "Error: " + err.message; });
})();
