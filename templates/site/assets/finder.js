/* The finder: full-text search with a lunr index built when the site was built (loaded with
   lunr.Index.load, no fetch, so it works from file://), plus filters, all on this device. */
(function () {
  "use strict";
  var D = window.WO_DOCS, docs = D.docs, idx = lunr.Index.load(window.WO_INDEX);
  var root = document.currentScript.src.replace(/assets\/finder\.js(\?.*)?$/, "");
  var DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var TIMES = { morning: 1, afternoon: 2, evening: 4 };
  // doc = [id, name, summary, path, when, where, cost, access, phone, cats, areas, days, times,
  //        flags (1 free, 2 drop-in, 4 step-free), minAge, maxAge, groups, routes]
  var FIELDS = ["q", "category", "day", "time", "area", "age", "audience", "route", "free", "dropin", "stepfree"];
  var form = document.getElementById("finder");
  var countBox = document.getElementById("result-count"), list = document.getElementById("results");
  var moreButton = document.getElementById("more"), printLink = document.getElementById("print-link");
  var PAGE = 50, shown = 0, current = [];

  function indexOf(table, id) { for (var i = 0; i < table.length; i++) if (table[i][0] === id) return i; return -1; }

  function readUrl() {
    var params = new URLSearchParams(location.search), state = {};
    FIELDS.forEach(function (f) { state[f] = params.get(f) || ""; });
    return state;
  }
  function readForm() {
    var state = {};
    FIELDS.forEach(function (f) {
      var input = form.elements[f];
      state[f] = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value.trim();
    });
    return state;
  }
  function fillForm(state) {
    FIELDS.forEach(function (f) {
      var input = form.elements[f];
      if (input.type === "checkbox") input.checked = state[f] === "1"; else input.value = state[f];
    });
  }
  function query(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    return params.toString();
  }

  // Each word must match (as typed, or its stem, as the start of a word); scores add up.
  function search(text) {
    var words = text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
    var scores = null;
    words.forEach(function (w) {
      w = w.replace(/^'+|'+$/g, "");
      if (!w || !lunr.stopWordFilter(w)) return;
      var stem = lunr.stemmer(new lunr.Token(w)).toString();
      var found = {};
      idx.query(function (q) {
        q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        if (stem !== w) q.term(w, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }).forEach(function (r) { found[r.ref] = r.score; });
      if (scores === null) scores = found;
      else {
        var both = {};
        for (var ref in found) if (ref in scores) both[ref] = scores[ref] + found[ref];
        scores = both;
      }
    });
    return scores;  // null when there were no words to look for
  }

  function matches(doc, state, filters) {
    if (filters.cat >= 0 && doc[9].indexOf(filters.cat) < 0) return false;
    if (state.day !== "" && !(doc[11] & (1 << +state.day))) return false;
    if (state.time && !(doc[12] & TIMES[state.time])) return false;
    if (filters.area >= 0 && doc[10].indexOf(filters.area) < 0) return false;
    if (state.free && !(doc[13] & 1)) return false;
    if (state.dropin && !(doc[13] & 2)) return false;
    if (state.stepfree && !(doc[13] & 4)) return false;
    if (state.age !== "") {
      var age = +state.age;
      if ((doc[14] !== null && age < doc[14]) || (doc[15] !== null && age > doc[15])) return false;
    }
    if (filters.group >= 0 && doc[16].indexOf(filters.group) < 0) return false;
    if (filters.route >= 0 && doc[17].indexOf(filters.route) < 0) return false;
    return true;
  }

  function find(state) {
    var filters = {
      cat: state.category ? indexOf(D.cats, state.category) : -1,
      area: state.area ? indexOf(D.areas, state.area) : -1,
      group: state.audience ? D.groups.indexOf(state.audience) : -1,
      route: state.route ? indexOf(D.routes, state.route) : -1
    };
    var scores = state.q ? search(state.q) : null, out = [];
    if (scores) {
      Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).forEach(function (ref) {
        if (docs[+ref] && matches(docs[+ref], state, filters)) out.push(+ref);
      });
    } else {
      for (var i = 0; i < docs.length; i++) if (matches(docs[i], state, filters)) out.push(i);
    }
    return out;
  }

  function describe(state) {
    var bits = [];
    if (state.q) bits.push("matching “" + state.q + "”");
    if (state.category) bits.push("in " + D.cats[indexOf(D.cats, state.category)][1]);
    if (state.day !== "") bits.push("on " + DAYS[+state.day] + "s");
    if (state.time) bits.push("in the " + state.time);
    if (state.area) bits.push("in " + D.areas[indexOf(D.areas, state.area)][1]);
    if (state.age) bits.push("for age " + state.age);
    if (state.audience) bits.push("for " + state.audience);
    if (state.route) bits.push("near bus " + D.routes[indexOf(D.routes, state.route)][1]);
    if (state.free) bits.push("free");
    if (state.dropin) bits.push("drop-in");
    if (state.stepfree) bits.push("with step-free access");
    return bits.join(", ");
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
  function card(doc, full) {
    var li = el("li", { "class": full ? "" : "wo-card" });
    var h = el("h2", { "class": "wo-card__title" });
    h.appendChild(el("a", { href: root + doc[3] + "index.html" }, doc[1]));
    li.appendChild(h);
    li.appendChild(el("p", { "class": "wo-card__summary" }, doc[2]));
    li.appendChild(line("When", doc[4]));
    li.appendChild(line("Where", doc[5]));
    li.appendChild(line("Cost", doc[6] + " · " + doc[7]));
    if (full && doc[8]) li.appendChild(line("Phone", doc[8]));
    return li;
  }
  function showMore(full) {
    var frag = document.createDocumentFragment(), end = full ? current.length : Math.min(current.length, shown + PAGE);
    for (var i = shown; i < end; i++) frag.appendChild(card(docs[current[i]], full));
    list.appendChild(frag);
    shown = end;
    if (moreButton) moreButton.hidden = shown >= current.length;
  }
  function countText(n) { return n === 0 ? "No activities found. Try fewer words or clear a filter." : n === 1 ? "1 activity found" : n + " activities found"; }

  var timer = null;
  function update(state, announceNow) {
    current = find(state); shown = 0; list.textContent = "";
    showMore(!form);
    var qs = query(state);
    if (printLink) printLink.href = "list/index.html" + (qs ? "?" + qs : "");
    if (form) { try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// */ } }
    clearTimeout(timer);
    var say = function () { countBox.textContent = countText(current.length); };
    if (announceNow) say(); else timer = setTimeout(say, 400);
  }

  if (form) {
    fillForm(readUrl());
    // On a phone, fold the filters away unless some are in use, so results show straight away.
    var box = document.getElementById("filterbox"), first = readUrl();
    if (box && window.innerWidth < 600 && !FIELDS.some(function (f) { return f !== "q" && first[f]; })) box.open = false;
    update(readForm(), true);
    form.addEventListener("input", function () { update(readForm(), false); });
    form.addEventListener("change", function () { update(readForm(), false); });
    form.addEventListener("reset", function () { setTimeout(function () { update(readForm(), true); }, 0); });
    moreButton.addEventListener("click", function () {
      var first = shown; showMore(false);
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  } else {
    var state = readUrl(), said = describe(state);
    document.getElementById("list-filters").textContent = said ? "Activities " + said + "." : "All activities.";
    var back = document.getElementById("back-to-finder"), qs = query(state);
    if (back && qs) back.href = "../index.html?" + qs;
    update(state, true);
    document.getElementById("print-now").addEventListener("click", function () { window.print(); });
  }
  window.WhatsOnFinder = { find: find, search: search };
})();
