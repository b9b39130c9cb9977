/* My list: a link worker or receptionist gathers activities for one patient, on this device only
   (localStorage: no account, nothing sent anywhere, works offline), then prints them as a
   large-print handout, copies them as text messages, or shares them as a link (ids in the URL). */
(function () {
  "use strict";
  var KEY = "whats-on-my-list";
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/assets\/mylist\.js(\?.*)?$/, "") : "";

  function read() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(v) ? v : []; }
    catch (e) { return []; }
  }
  function write(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); } catch (e) { /* private mode: kept for this page only */ }
    memory = items;
    refreshButtons();
  }
  var memory = read();
  function items() { var v = read(); return v.length || !memory.length ? v : memory; }
  function has(id) { return items().some(function (x) { return x.id === id; }); }
  function toggle(id, name, parts) {
    var now = items();
    if (has(id)) now = now.filter(function (x) { return x.id !== id; });
    else now.push(parts ? { id: id, name: name, parts: parts } : { id: id, name: name });
    write(now);
  }

  var buttons = [];
  function label(button) {
    var on = has(button.getAttribute("data-id"));
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "On my list ✓ (remove)" : "Add to my list";
  }
  function refreshButtons() {
    buttons.forEach(label);
    var count = items().length;
    document.querySelectorAll("[data-wo-mylist-count]").forEach(function (e) {
      e.textContent = count ? " (" + count + ")" : "";
    });
  }
  function button(id, name, parts) {  // parts: the finder parts (areas) it is in, when known
    var b = document.createElement("button");
    b.type = "button";
    b.className = "wo-button wo-button--plain wo-mylist-button wo-noprint";
    b.setAttribute("data-id", id);
    b.setAttribute("aria-label", "");
    b.addEventListener("click", function () { toggle(id, name, parts); });
    buttons.push(b);
    label(b);
    b.removeAttribute("aria-label");
    return b;
  }
  // Static pages: <p data-wo-mylist-add="id"></p> becomes a button (the name is the card's or
  // the page's heading).
  document.querySelectorAll("[data-wo-mylist-add]").forEach(function (p) {
    var holder = p.closest("li, article"), heading = holder && holder.querySelector("h1, h2, h3, h4");
    p.appendChild(button(p.getAttribute("data-wo-mylist-add"), heading ? heading.textContent.trim() : ""));
  });
  refreshButtons();
  document.querySelectorAll("[data-wo-id]").forEach(function (li) {  // finder cards drawn before this ran
    if (!li.querySelector(".wo-mylist-button")) li.appendChild(button(li.getAttribute("data-wo-id"), li.getAttribute("data-wo-name")));
  });
  window.addEventListener("storage", function (e) { if (e.key === KEY) { memory = read(); refreshButtons(); } });
  window.WhatsOnList = { button: button, items: items, write: write, has: has };

  // ---- The My list page.
  var box = document.getElementById("mylist-items"), D = window.WO_START, W = window.WhatsOn;
  if (!box || !D || !W) return;
  // The finder parts the list's activities are in (all of them for a small directory), loaded
  // before the list is shown; a shared link says them in "in=".
  var params = new URLSearchParams(location.search), shared = params.get("ids");
  var PART = {}, keys = {};
  D.parts.forEach(function (p) { PART[p[0]] = p; });
  if (D.eager) Object.keys(PART).forEach(function (k) { keys[k] = 1; });
  (params.get("in") || "").split(",").forEach(function (k) { if (PART[k]) keys[k] = 1; });
  var unknown = [];  // added on an activity's page: its area is found in the names index
  if (!shared) items().forEach(function (x) {
    (x.parts || []).forEach(function (k) { if (PART[k]) keys[k] = 1; });
    if (!x.parts && !D.eager && x.name) unknown.push(x);
  });
  function longest(name) {
    return name.toLowerCase().split(/[^a-z0-9']+/).sort(function (a, b) { return b.length - a.length; })[0] || "";
  }
  var lookups = [];
  unknown.forEach(function (x) { lookups = lookups.concat(W.namePaths(longest(x.name), D.names)); });
  W.want(lookups, function () {
    unknown.forEach(function (x) {
      W.namePaths(longest(x.name), D.names).forEach(function (item) {
        var part = W.parts[item[0]];
        if (part) part.r.forEach(function (r) {
          if (r[0] === x.id) (r[3].length ? r[3].map(function (a) { return D.areas[a][0]; }) : [""]).forEach(function (k) { keys[k] = 1; });
        });
      });
    });
    W.want(Object.keys(keys).map(function (k) { return ["area:" + k, PART[k][1]]; }), function () { showList(keys); });
  });
  function showList(keys) {
  var DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var now = new Date(), today = W.toDay(now.getFullYear(), now.getMonth(), now.getDate());
  function longDate(n) { var t = new Date(n * 864e5); return DAYS[W.weekday(n)] + " " + t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  var byId = {};
  Object.keys(keys).forEach(function (k) { var part = W.parts["area:" + k]; if (part) part.docs.forEach(function (d) { byId[d[0]] = d; }); });
  function next(doc) {
    for (var n = today; n < today + 400; n++) {
      for (var k = 0; k < doc[18].length; k++) {
        var s = doc[18][k];
        if (W.occurs(s, n, D)) return longDate(n) + ", " + W.clock(s[10]) + " to " + W.clock(s[11]);
      }
    }
    return "";
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function line(label, value) {
    var p = el("p"); p.appendChild(el("span", { "class": "wo-label" }, label + ": ")); p.appendChild(document.createTextNode(value));
    return p;
  }
  var sharedIds = shared ? shared.split(",").filter(function (id) { return byId[id]; }) : null;
  var status = document.getElementById("mylist-status");
  function current() {
    if (sharedIds) return sharedIds.map(function (id) { return { id: id, name: byId[id][1] }; });
    return items().filter(function (x) { return byId[x.id]; });
  }
  function render() {
    var list = current();
    box.textContent = "";
    list.forEach(function (x) {
      var doc = byId[x.id], li = el("li");
      var h = el("h2"); h.appendChild(el("a", { href: root + doc[3] + "index.html" }, doc[1])); li.appendChild(h);
      var n = next(doc);
      if (n) li.appendChild(line("Next", n));
      li.appendChild(line("When", doc[4]));
      li.appendChild(line("Where", doc[5] + (doc[19] ? " (" + doc[19] + ")" : "")));
      if (doc[20]) li.appendChild(el("p", {}, doc[20]));
      if (doc[8]) li.appendChild(line("Phone", doc[8]));
      li.appendChild(line("Cost", doc[6] + " · " + doc[7]));
      if (doc[21]) li.appendChild(el("p", { "class": "wo-flag" }, "Ring first: " + doc[21]));
      if (!sharedIds) {
        var b = el("button", { type: "button", "class": "wo-button wo-button--plain wo-noprint" }, "Remove " + doc[1]);
        b.addEventListener("click", function () {
          write(items().filter(function (y) { return y.id !== x.id; }));
          render(); status.textContent = doc[1] + " taken off the list.";
        });
        li.appendChild(b);
      }
      box.appendChild(li);
    });
    document.getElementById("mylist-empty").hidden = list.length > 0;
    document.getElementById("mylist-actions").hidden = list.length === 0;
    document.getElementById("mylist-heading").textContent = list.length === 1 ? "1 activity" : list.length + " activities";
    var inParts = {};
    list.forEach(function (x) { var d = byId[x.id]; (d[10].length ? d[10].map(function (a) { return D.areas[a][0]; }) : [""]).forEach(function (k) { inParts[k] = 1; }); });
    var link = location.href.split("?")[0] + "?ids=" + list.map(function (x) { return x.id; }).join(",") +
      (D.eager ? "" : "&in=" + Object.keys(inParts).join(","));
    document.getElementById("mylist-link").value = link;
    document.getElementById("mylist-sms").value = list.map(function (x) { return byId[x.id][22]; }).join("\n\n");
  }
  if (sharedIds) {
    document.getElementById("mylist-shared").hidden = false;
    document.getElementById("mylist-keep").addEventListener("click", function () {
      var mine = items();
      sharedIds.forEach(function (id) { if (!mine.some(function (x) { return x.id === id; })) mine.push({ id: id, name: byId[id][1] }); });
      write(mine); sharedIds = null;
      try { history.replaceState(null, "", location.pathname); } catch (e) { /* file:// */ }
      document.getElementById("mylist-shared").hidden = true;
      render(); status.textContent = "Kept on this device.";
    });
  }
  function copy(id, said) {
    var field = document.getElementById(id);
    field.hidden = false; field.focus(); field.select();
    var done = function () { status.textContent = said; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  }
  document.getElementById("mylist-print").addEventListener("click", function () { window.print(); });
  document.getElementById("mylist-copy-sms").addEventListener("click", function () { copy("mylist-sms", "Copied: one text message for each activity. Paste them into your messages."); });
  document.getElementById("mylist-copy-link").addEventListener("click", function () { copy("mylist-link", "Copied the link. Anyone who opens it sees this list."); });
  document.getElementById("mylist-clear").addEventListener("click", function () {
    write([]); render(); status.textContent = "The list is empty now.";
  });
  render();
  }
})();
