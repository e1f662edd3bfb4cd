// The reader: click an event to see its record and the spans behind each field; click a
// highlighted span to see which records cite it. The selected event is the URL's hash, so
// a selection is bookmarkable and the back button returns to the previous one.
"use strict";
(function () {
  var article = document.getElementById("article");
  var text = document.getElementById("text");
  var segs = Array.prototype.slice.call(text.querySelectorAll(".seg"));
  var data = null;
  var labels = {};

  function el(tag, content, attrs) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function clear() {
    segs.forEach(function (s) {
      s.className = s.className.split(" ").filter(function (c) { return c.indexOf("hl") !== 0; }).join(" ");
    });
    document.querySelectorAll(".event-item.selected").forEach(function (a) { a.classList.remove("selected"); });
  }

  function highlight(span, field) {
    var first = null;
    segs.forEach(function (s) {
      var a = +s.dataset.s, b = +s.dataset.e;
      if (a >= span[0] && b <= span[1]) {
        s.classList.add("hl", "hl-" + field);
        if (!first) first = s;
      }
    });
    return first;
  }

  function who(p) { return p ? (p.code || "–") + " " + p.name + (p.role ? " (" + p.role + ")" : "") : "–"; }

  function row(table, name, value, field) {
    var tr = el("tr", null, { "data-field": field || name });
    tr.appendChild(el("th", name));
    tr.appendChild(el("td", value));
    table.appendChild(tr);
  }

  function showEvent(id) {
    if (!data) return;
    var event = data.events.find(function (e) { return e.id === id; });
    if (!event) return;
    clear();
    var link = document.querySelector('.event-item[data-event="' + CSS.escape(id) + '"]');
    if (link) link.classList.add("selected");
    var box = document.getElementById("detail");
    document.getElementById("detail-title").textContent = event.id + ": " + event.type + (event.mode ? " / " + event.mode : "");
    var table = document.getElementById("detail-fields");
    table.replaceChildren();
    row(table, "type", event.type + (event.cameo ? " (CAMEO " + event.cameo + ")" : ""));
    row(table, "mode", event.mode || "–");
    row(table, "actors", event.actors.map(who).join("; ") || "–", "actor");
    row(table, "targets", event.targets.map(who).join("; ") || "–", "target");
    row(table, "time", event.time ? event.time.text + " = " + (event.time.value || "unresolved") : "–", "time");
    row(table, "place", event.place ? event.place.text + " = " + (event.place.name || "unresolved") +
        (event.place.lat !== null ? " (" + event.place.lat + ", " + event.place.lon + ")" : "") +
        (event.place.country ? " " + event.place.country : "") : "–", "place");
    row(table, "modality", event.modality);
    row(table, "attributed_to", who(event.attributed_to), "attributed_to");
    row(table, "confidence", event.confidence.toFixed(2));
    row(table, "evidence", event.evidence_text, "evidence");
    var first = null;
    event.support.forEach(function (item) {
      var s = highlight(item.span, item.field);
      if (item.field === "evidence") first = s;
    });
    box.hidden = false;
    if (first) first.scrollIntoView({ block: "center" });
  }

  function showCites(seg) {
    var refs = (seg.dataset.refs || "").split(" ").filter(Boolean);
    var list = document.getElementById("cited-list");
    list.replaceChildren();
    document.getElementById("cited-text").textContent = seg.textContent;
    refs.forEach(function (ref) {
      var parts = ref.split(":");
      var li = el("li", null, { "data-ref": ref });
      if (parts[0] === "event") {
        li.appendChild(el("a", "event " + parts[1] + ": " + (labels[ref] || ""), { href: "#" + parts[1] }));
      } else {
        li.textContent = parts[0] + " " + parts[1] + ": " + (labels[ref] || "");
      }
      list.appendChild(li);
    });
    if (!refs.length) list.appendChild(el("li", "no record cites this text"));
    document.getElementById("cited").hidden = false;
  }

  text.addEventListener("click", function (ev) {
    var seg = ev.target.closest(".seg");
    if (seg) showCites(seg);
  });
  document.getElementById("show-voice").addEventListener("change", function (ev) {
    text.classList.toggle("voice-on", ev.target.checked);
  });

  fetch("/api/documents/" + encodeURIComponent(article.dataset.doc)).then(function (r) { return r.json(); })
    .then(function (body) {
      data = body;
      body.cites.forEach(function (c) {
        var key = c.kind + ":" + c.id;
        if (!labels[key]) labels[key] = c.label;
      });
      window.addEventListener("hashchange", function () { showEvent(decodeURIComponent(location.hash.slice(1))); });
      if (location.hash.length > 1) showEvent(decodeURIComponent(location.hash.slice(1)));
      article.dataset.ready = "1";
    });
  // The corpus events (merged across articles) are computed over the whole store: fetched
  // after the page is up, so that a large store does not hold the reader back.
  fetch("/api/documents/" + encodeURIComponent(article.dataset.doc) + "/corpus-events")
    .then(function (r) { return r.json(); })
    .then(function (merged) {
      document.querySelectorAll(".corpus-slot").forEach(function (slot) {
        var id = merged[slot.dataset.event];
        if (id) slot.appendChild(el("a", "corpus event", { href: "/corpus-event/" + encodeURIComponent(id), "class": "corpus-link" }));
      });
      document.getElementById("event-list").dataset.merged = "1";
    });
})();
