// flamescript's FlameScope view (runtime/src/render/heatmap.rs embeds this file): the
// subsecond-offset heatmap of the embedded events, and the flame graph of the selected cells.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var D = JSON.parse(document.getElementById("data").textContent);
  var ROWS = D.rows, ROW_US = 1e6 / ROWS;
  var N = D.events.length / 3;
  var last = 0;
  for (var i = 0; i < N; i++) last = Math.max(last, D.events[3 * i]);
  var COLS = Math.floor(last / 1e6) + 1;
  var cellW = Math.max(8, Math.min(28, Math.floor(640 / COLS))), cellH = 10;
  var cellOf = new Int32Array(N);
  var weights = new Float64Array(COLS * ROWS);
  for (i = 0; i < N; i++) {
    var us = D.events[3 * i], s = Math.floor(us / 1e6);
    var r = Math.min(ROWS - 1, Math.floor((us - s * 1e6) / ROW_US));
    cellOf[i] = s * ROWS + r;
    weights[cellOf[i]] += D.events[3 * i + 2];
  }
  var max = 0, all = 0;
  for (i = 0; i < weights.length; i++) { max = Math.max(max, weights[i]); all += weights[i]; }
  var sel = new Uint8Array(COLS * ROWS);
  var compare = false;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(v) {
    var u = D.unit;
    if (u.kind === "plain") return Math.round(v).toLocaleString("en-US") + " " + u.name;
    var x = v * u.scale;
    if (u.kind === "time") {
      var steps = [[1e9, "s"], [1e6, "ms"], [1e3, "us"]];
      for (var j = 0; j < steps.length; j++) if (x >= steps[j][0]) return (x / steps[j][0]).toFixed(2) + " " + steps[j][1];
      return Math.round(x) + " ns";
    }
    var b = [[1 << 30, "GiB"], [1 << 20, "MiB"], [1 << 10, "KiB"]];
    for (var k = 0; k < b.length; k++) if (x >= b[k][0]) return (x / b[k][0]).toFixed(1) + " " + b[k][1];
    return Math.round(x) + " bytes";
  }

  // The heatmap.
  var heat = document.getElementById("heat");
  var left = 40, top = 16;
  heat.setAttribute("width", left + COLS * cellW + 10);
  heat.setAttribute("height", top + ROWS * cellH + 24);
  var cells = [];
  for (var c = 0; c < COLS; c++) {
    for (r = 0; r < ROWS; r++) {
      var idx = c * ROWS + r, w = weights[idx];
      var fill = "#f2f2f2";
      if (w > 0) {
        var a = Math.sqrt(w / max);
        fill = "rgb(255," + Math.round(235 - 200 * a) + "," + Math.round(220 - 200 * a) + ")";
      }
      var rect = el("rect", {
        "class": "cell", x: left + c * cellW, y: top + r * cellH, width: cellW, height: cellH,
        fill: fill, "data-s": c, "data-r": r, "data-w": w
      }, heat);
      el("title", {}, rect).textContent = c + " s + " + (r * 1000 / ROWS) + "-" + ((r + 1) * 1000 / ROWS) + " ms: " + fmt(w);
      cells.push(rect);
    }
  }
  for (r = 0; r <= ROWS; r += 10) {
    el("text", { x: left - 4, y: top + r * cellH + 4, "text-anchor": "end", "font-size": 10 }, heat)
      .textContent = (r * 1000 / ROWS) + "ms";
  }
  for (c = 0; c < COLS; c += Math.max(1, Math.ceil(COLS / 20))) {
    el("text", { x: left + c * cellW + cellW / 2, y: top - 4, "text-anchor": "middle", "font-size": 10 }, heat)
      .textContent = c + "s";
  }

  function paintSelection() {
    for (var i = 0; i < cells.length; i++) cells[i].setAttribute("class", sel[i] ? "cell sel" : "cell");
  }
  function selectRect(s0, r0, s1, r1) {
    sel.fill(0);
    for (var s = Math.min(s0, s1); s <= Math.max(s0, s1); s++)
      for (var r = Math.min(r0, r1); r <= Math.max(r0, r1); r++)
        if (s >= 0 && s < COLS && r >= 0 && r < ROWS) sel[s * ROWS + r] = 1;
  }
  function selectRange(s0, r0, s1, r1) {
    sel.fill(0);
    var a = s0 * ROWS + r0, b = s1 * ROWS + r1;
    for (var i = Math.max(0, Math.min(a, b)); i <= Math.min(sel.length - 1, Math.max(a, b)); i++) sel[i] = 1;
  }

  // Mouse: a drag selects a rectangle, a shift-click the time range from the anchor.
  var anchor = null, dragging = false;
  function cellAt(ev) {
    var t = ev.target;
    if (!t.getAttribute || t.getAttribute("data-s") === null) return null;
    return [+t.getAttribute("data-s"), +t.getAttribute("data-r")];
  }
  heat.addEventListener("mousedown", function (ev) {
    var at = cellAt(ev);
    if (!at) return;
    ev.preventDefault();
    if (ev.shiftKey && anchor) {
      selectRange(anchor[0], anchor[1], at[0], at[1]);
      paintSelection();
      draw();
      return;
    }
    anchor = at;
    dragging = true;
    selectRect(at[0], at[1], at[0], at[1]);
    paintSelection();
  });
  heat.addEventListener("mousemove", function (ev) {
    var at = cellAt(ev);
    if (!dragging || !at) return;
    selectRect(anchor[0], anchor[1], at[0], at[1]);
    paintSelection();
  });
  window.addEventListener("mouseup", function () {
    if (!dragging) return;
    dragging = false;
    draw();
  });
  document.getElementById("compare").addEventListener("click", function () {
    compare = !compare;
    draw();
  });
  document.getElementById("clear").addEventListener("click", function () {
    sel.fill(0);
    compare = false;
    paintSelection();
    draw();
  });

  // A tree of the events for which `keep(i)` holds: nodes {f, w, ch}.
  function tree(keep) {
    var root = { f: -1, w: 0, ch: new Map() };
    for (var i = 0; i < N; i++) {
      if (!keep(i)) continue;
      var w = D.events[3 * i + 2], st = D.stacks[D.events[3 * i + 1]];
      var node = root;
      node.w += w;
      for (var j = 0; j < st.length; j++) {
        var next = node.ch.get(st[j]);
        if (!next) { next = { f: st[j], w: 0, ch: new Map() }; node.ch.set(st[j], next); }
        next.w += w;
        node = next;
      }
    }
    return root;
  }
  function depth(n) {
    var d = 0;
    n.ch.forEach(function (c) { d = Math.max(d, depth(c)); });
    return d + 1;
  }
  function hash(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return Math.abs(h);
  }
  function colour(f) {
    if (f < 0) return "rgb(200,200,200)";
    var name = D.frames[f][0], kind = D.frames[f][1], h = hash(name);
    switch (kind) {
      case "kernel": return "rgb(" + (200 + h % 40) + "," + (120 + h % 60) + ",60)";
      case "unknown": return "rgb(170,170,170)";
      case "marker": return "rgb(190,150,220)";
      case "root": return "rgb(130,170,230)";
      default: return "rgb(" + (205 + h % 50) + "," + (80 + h % 120) + "," + (40 + h % 40) + ")";
    }
  }

  function draw() {
    var flame = document.getElementById("flame");
    while (flame.firstChild) flame.removeChild(flame.firstChild);
    var nsel = 0;
    for (var i = 0; i < sel.length; i++) nsel += sel[i];
    var button = document.getElementById("compare");
    button.disabled = nsel === 0;
    button.textContent = compare ? "plain flame graph" : "compare to the rest";
    var summary = document.getElementById("summary");
    document.getElementById("losses").textContent = D.losses;
    if (nsel === 0) {
      summary.textContent = "select cells to draw their flame graph";
      flame.removeAttribute("data-total");
      return;
    }
    var root = tree(function (i) { return sel[cellOf[i]] === 1; });
    var rest = compare ? tree(function (i) { return sel[cellOf[i]] === 0; }) : null;
    var events = 0;
    for (i = 0; i < N; i++) if (sel[cellOf[i]]) events++;
    var text = "selection: " + nsel + " cells, " + events + " events, total " + fmt(root.w) +
      " (" + (all > 0 ? (100 * root.w / all).toFixed(1) : "0") + "% of " + fmt(all) + ")";
    if (compare) text += "; red: a larger share than in the rest of the time (" + fmt(rest.w) + "), blue: smaller";
    summary.textContent = text;
    flame.setAttribute("data-total", root.w);
    flame.setAttribute("data-events", events);
    flame.setAttribute("data-mode", compare ? "compare" : "plain");
    if (root.w === 0) return;
    var W = 900, H = 16, levels = depth(root);
    flame.setAttribute("width", W + 20);
    flame.setAttribute("height", levels * H + 10);
    var maxAbs = 0;
    function share(n, r) { return n.w / root.w - (r && rest.w > 0 ? r.w / rest.w : 0); }
    if (compare) {
      (function walk(n, r) {
        maxAbs = Math.max(maxAbs, Math.abs(share(n, r)));
        n.ch.forEach(function (c, f) { walk(c, r ? r.ch.get(f) : null); });
      })(root, rest);
    }
    (function place(n, r, x, d) {
      var width = W * n.w / root.w;
      if (width < 0.3) return;
      var g = el("g", { "class": "frame", "data-name": n.f < 0 ? "all" : D.frames[n.f][0], "data-w": n.w }, flame);
      var y = (levels - 1 - d) * H + 4;
      var fill = colour(n.f), delta = 0;
      if (compare) {
        delta = share(n, r);
        var a = maxAbs > 0 ? Math.round(210 * Math.abs(delta) / maxAbs) : 0;
        fill = delta >= 0 ? "rgb(255," + (255 - a) + "," + (255 - a) + ")" : "rgb(" + (255 - a) + "," + (255 - a) + ",255)";
        g.setAttribute("data-delta", delta.toFixed(4));
      }
      var box = el("rect", { x: 10 + x, y: y, width: Math.max(0, width - 0.5), height: H - 1, fill: fill, rx: 2 }, g);
      // A frame whose share did not change is white: its outline keeps it visible.
      if (compare) { box.setAttribute("stroke", "#999"); box.setAttribute("stroke-width", "0.5"); }
      var name = n.f < 0 ? "all" : D.frames[n.f][0];
      var tip = name + " (" + fmt(n.w) + ", " + (100 * n.w / root.w).toFixed(2) + "%" +
        (compare ? ", " + (delta >= 0 ? "+" : "") + (100 * delta).toFixed(2) + " points vs the rest" : "") + ")";
      el("title", {}, g).textContent = tip;
      var chars = Math.floor((width - 6) / 7);
      if (chars >= 3) {
        el("text", { x: 13 + x, y: y + H - 5 }, g).textContent =
          name.length <= chars ? name : name.slice(0, chars - 2) + "..";
      }
      var cx = x;
      var kids = Array.from(n.ch.entries()).sort(function (a, b) {
        var na = D.frames[a[0]][0], nb = D.frames[b[0]][0];
        return na < nb ? -1 : na > nb ? 1 : 0;
      });
      kids.forEach(function (kv) {
        place(kv[1], r ? r.ch.get(kv[0]) : null, cx, d + 1);
        cx += W * kv[1].w / root.w;
      });
    })(root, rest, 0, 0);
  }

  // A selection from the URL: #rect=S0,R0,S1,R1 or #range=S0,R0,S1,R1, and &compare.
  function fromHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    var m = /(rect|range)=(\d+),(\d+),(\d+),(\d+)/.exec(h);
    if (m) {
      var v = m.slice(2).map(Number);
      (m[1] === "rect" ? selectRect : selectRange)(v[0], v[1], v[2], v[3]);
      anchor = [v[0], v[1]];
    }
    compare = /(^|&)compare/.test(h);
    paintSelection();
    draw();
    document.body.setAttribute("data-ready", "1");
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
