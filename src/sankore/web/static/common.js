// Helpers shared by the timeline, map and network pages. Record text is only ever set with
// textContent, never as markup.
"use strict";
window.Sankore = {
  el: function (tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  },
  svg: function (tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  },
  getJSON: function (url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.detail || r.statusText);
        return body;
      });
    });
  },
  // Lists event mentions (an /api/events or /api/mentions answer) under a title, each
  // linking to its sentence in the reader.
  showEvents: function (title, url) {
    var S = window.Sankore;
    var box = document.getElementById("listing");
    var list = document.getElementById("listing-items");
    document.getElementById("listing-title").textContent = title + " …";
    box.hidden = false;
    list.replaceChildren();
    return S.getJSON(url).then(function (data) {
      var more = data.total_exact === false ? "more than " : "";
      document.getElementById("listing-title").textContent = title + ": " + more + data.total + " event mentions" +
        (data.results.length < data.total ? " (first " + data.results.length + ")" : "");
      data.results.forEach(function (e) {
        var li = S.el("li");
        li.appendChild(S.el("span", (e.day || "") + " " + e.type + " ", { "class": "muted" }));
        var who = e.actors.map(function (a) { return a.code || a.name; }).join("; ") + " → " +
          e.targets.map(function (a) { return a.code || a.name; }).join("; ");
        li.appendChild(S.el("span", who + " "));
        li.appendChild(S.el("a", e.evidence_text, { href: "/doc/" + encodeURIComponent(e.doc_id) + "#" + encodeURIComponent(e.event_id), "class": "listed-event" }));
        list.appendChild(li);
      });
    }).catch(function (err) {
      document.getElementById("listing-title").textContent = "Error: " + err.message;
    });
  },
  // The page's filter as a query string, without the page-only keys.
  filterQuery: function (extra) {
    var params = new URLSearchParams(window.location.search);
    ["by", "interval", "period", "page", "size"].forEach(function (k) { params.delete(k); });
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    return params.toString();
  },
  // Sets the location hash (so the back button returns to the previous selection) and
  // calls `show` now and on every later hash change.
  onHash: function (show) {
    window.addEventListener("hashchange", function () { show(decodeURIComponent(location.hash.slice(1))); });
    if (location.hash.length > 1) show(decodeURIComponent(location.hash.slice(1)));
  }
};
