/* The finder: full-text search with lunr indexes built when the site was built, plus filters,
   all on this device. The data comes in parts (generator/site/finder.py): assets/finder/start.js
   with the page, then one part per area when a search needs that area (the area chosen, or named
   in the search). A small directory loads every part at once; a big one, asked with no area,
   first looks in the names index of the whole directory and loads the areas of what it finds.

   A query is read as a person means it: day words (Thursday, today, the weekend), times of day,
   area names and "free" set the matching filter (visibly, with a note); the rest is searched
   with the directory's synonyms (site_config/synonyms.yml), word endings and one typo allowed.
   Results are ranked by how well they fit, then by the next session. No results is never a dead
   end: the finder suggests other areas, days and times, with how many each would find. */
(function () {
  "use strict";
  var D = window.WO_START, docs = [], shards = [], byId = {};
  var W = window.WhatsOn;  // home.js: occurs(), clock(), toDay(), want()
  var MAX_AREAS = 2;
  var collate = new Intl.Collator().compare;  // as localeCompare orders, many times quicker  // a big directory searched with no area: the areas of the most name hits
  var root = document.currentScript.src.replace(/assets\/finder\.js(\?.*)?$/, "");
  var DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var TIMES = { morning: 1, afternoon: 2, evening: 4 };
  var TIME_WORDS = { morning: "in the morning", afternoon: "in the afternoon", evening: "in the evening" };
  var WHEN_WORDS = { today: "today", tomorrow: "tomorrow", week: "in the next 7 days", weekend: "this weekend" };
  var FREE = 1, DROP_IN = 2, STEP_FREE = 4, EVERYONE = 8, RING_FIRST = 16;
  // doc = [id, name, summary, path, when, where, cost, access, phone, cats, areas, days, times,
  //        flags, minAge, maxAge, groups, routes, schedules, area name, bus line, ring first, text message]
  // A name record (names index) = [id, name, organisation, areas, cats].
  var FIELDS = ["q", "category", "day", "time", "when", "date", "area", "age", "audience", "route",
    "free", "dropin", "stepfree"];
  var form = document.getElementById("finder");
  var countBox = document.getElementById("result-count"), list = document.getElementById("results");
  var moreButton = document.getElementById("more"), printLink = document.getElementById("print-link");
  var noticeBox = document.getElementById("finder-notice"), understood = document.getElementById("finder-understood");
  var suggestBox = document.getElementById("suggestions"), showButton = document.getElementById("show-results");
  var PAGE = 50, shown = 0, current = [], partial = null;
  var now = new Date(), today = W.toDay(now.getFullYear(), now.getMonth(), now.getDate());

  function indexOf(table, id) { for (var i = 0; i < table.length; i++) if (table[i][0] === id) return i; return -1; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function longDate(n) { var t = new Date(n * 864e5); return DAYS[W.weekday(n)] + " " + t.getUTCDate() + " " + MONTHS[t.getUTCMonth()]; }
  function dayFromIso(text) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text || "");
    return m ? W.toDay(+m[1], +m[2] - 1, +m[3]) : null;
  }

  // ---- What a value may be, so a link with an unknown one is ignored with a notice (never a hang).
  var VALID = {
    category: function (v) { return indexOf(D.cats, v) >= 0; },
    area: function (v) { return indexOf(D.areas, v) >= 0; },
    audience: function (v) { return D.groups.indexOf(v) >= 0; },
    route: function (v) { return indexOf(D.routes, v) >= 0; },
    day: function (v) { return /^[0-6]$/.test(v); },
    time: function (v) { return v in TIMES; },
    when: function (v) { return v in WHEN_WORDS || v === "date"; },
    date: function (v) { return dayFromIso(v) !== null; },
    age: function (v) { return /^\d{1,3}$/.test(v) && +v <= 120; },
    free: function (v) { return v === "1"; }, dropin: function (v) { return v === "1"; },
    stepfree: function (v) { return v === "1"; }, q: function () { return true; }
  };
  var LABELS = { category: "category", area: "area", audience: "who for", route: "bus route", day: "day",
    time: "time of day", when: "when", date: "date", age: "age", free: "free", dropin: "drop-in",
    stepfree: "step-free" };

  function readUrl() {
    var params = new URLSearchParams(location.search), state = {}, ignored = [];
    FIELDS.forEach(function (f) {
      var v = (params.get(f) || "").trim();
      if (v && !VALID[f](v)) { ignored.push(LABELS[f] + " “" + v + "”"); v = ""; }
      state[f] = v;
    });
    if (state.when === "date" && !state.date) state.when = "";
    state.ignored = ignored;
    return state;
  }
  function readForm() {
    var state = {};
    FIELDS.forEach(function (f) {
      var input = form.elements[f];
      state[f] = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value.trim();
    });
    if (state.when !== "date") state.date = "";
    return state;
  }
  function fillForm(state) {
    FIELDS.forEach(function (f) {
      var input = form.elements[f];
      if (input.type === "checkbox") input.checked = state[f] === "1"; else input.value = state[f];
    });
    showDate();
  }
  function showDate() {
    var box = document.getElementById("f-date-box");
    if (box) box.hidden = form.elements.when.value !== "date";
  }
  function query(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    return params.toString();
  }

  // ---- Reading the words of a query.
  var DAY_WORDS = {}, WORD_LIST = [];
  DAYS.forEach(function (d, i) { var w = d.toLowerCase(); DAY_WORDS[w] = i; DAY_WORDS[w + "s"] = i; });
  [["tues", 1], ["weds", 2], ["thurs", 3]].forEach(function (p) { DAY_WORDS[p[0]] = p[1]; });
  var TIME_OF = { morning: "morning", mornings: "morning", afternoon: "afternoon", afternoons: "afternoon",
    evening: "evening", evenings: "evening", night: "evening", nights: "evening", tonight: "evening" };
  var WHEN_OF = { today: "today", tonight: "today", tomorrow: "tomorrow", weekend: "weekend", weekends: "weekend" };
  // Words that say nothing about which activity: left out of the text search.
  var FILLER = D.filler;  // finder.py FILLER: never searched, so not in the names index either
  var AREA_WORDS = D.areas.map(function (a, i) { return [words(a[1]), i]; });
  var KNOWN = {};
  (D.vocab ? D.vocab.split(" ") : []).forEach(function (w) { if (w) { KNOWN[w] = 1; WORD_LIST.push(w); } });
  Object.keys(DAY_WORDS).concat(Object.keys(TIME_OF), Object.keys(WHEN_OF), FILLER).forEach(function (w) {
    if (!KNOWN[w]) { KNOWN[w] = 1; WORD_LIST.push(w); }
  });
  AREA_WORDS.forEach(function (a) { a[0].forEach(function (w) { if (!KNOWN[w]) { KNOWN[w] = 1; WORD_LIST.push(w); } }); });

  function words(text) {  // as lunr.js tokenises and trims
    return text.toLowerCase().replace(/[’‘]/g, "'").split(/[\s\-\/,.;:!?()"“”]+/)
      .map(function (w) { return w.replace(/^\W+/, "").replace(/\W+$/, ""); }).filter(Boolean);
  }
  function stem(w) { return lunr.stemmer(new lunr.Token(w)).toString(); }
  var SYN = D.syn.map(function (e) { return [e[0].map(stem), e[1]]; });  // stemmed here, as queries are
  var nameStems = {};
  function inName(i, stems) {  // is the phrase (as word starts) in the activity's name?
    var ns = nameStems[i] || (nameStems[i] = words(docs[i][1]).map(stem));
    for (var k = 0; k + stems.length <= ns.length; k++) {
      var hit = true;
      for (var j = 0; j < stems.length; j++) if (ns[k + j].indexOf(stems[j]) !== 0) { hit = false; break; }
      if (hit) return true;
    }
    return false;
  }
  // One typo: a letter wrong, missing, added, or two swapped.
  function oneTypo(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0; while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  // A word not in the listings: the start of one (still typing: "knittin"), or one typo away.
  function complete(w) {
    if (w.length < 4 || KNOWN[w] || /\d/.test(w)) return w;
    for (var i = 0; i < WORD_LIST.length; i++) if (WORD_LIST[i].length > w.length && WORD_LIST[i].indexOf(w) === 0) return WORD_LIST[i];
    return w;
  }
  function correct(w) {
    if (w.length < 4 || KNOWN[w] || /\d/.test(w) || complete(w) !== w || KNOWN[stem(w)] || complete(stem(w)) !== stem(w)) return w;
    for (var j = 0; j < WORD_LIST.length; j++) if (WORD_LIST[j].length >= 4 && oneTypo(w, WORD_LIST[j])) return WORD_LIST[j];
    return w;
  }

  // -> {filters: {day, time, when, area, free}, said: [words understood], concepts: [...]}
  function understand(text) {
    var ws = words(text).map(correct).map(complete), out = { filters: {}, said: [], concepts: [], corrected: [] };
    var raw = words(text);
    raw.forEach(function (w, i) { if (correct(w) !== w) out.corrected.push([w, ws[i]]); });
    var used = ws.map(function () { return false; }), wst = ws.map(stem), early = [];
    SYN.forEach(function (entry) {  // phrases of several words first: "coffee morning" is not a time
      var phrase = entry[0], n = phrase.length;
      if (n < 2) return;
      for (var i = 0; i + n <= wst.length; i++) {
        var hit = true;
        for (var k = 0; k < n; k++) if (used[i + k] || wst[i + k] !== phrase[k]) { hit = false; break; }
        if (hit) {
          early.push({ label: ws.slice(i, i + n).join(" "), syn: entry[1], stem: null, word: null, stems: wst.slice(i, i + n) });
          for (k = i; k < i + n; k++) used[k] = true;
        }
      }
    });
    for (var i = 0; i < ws.length; i++) {  // area names, longest first
      AREA_WORDS.forEach(function (a) {
        var n = a[0].length;
        if (!used[i] && ws.slice(i, i + n).join(" ") === a[0].join(" ")) {
          out.filters.area = D.areas[a[1]][0]; for (var k = i; k < i + n; k++) used[k] = true;
        }
      });
    }
    ws.forEach(function (w, i) {
      if (used[i]) return;
      if (w in DAY_WORDS) { out.filters.day = String(DAY_WORDS[w]); used[i] = true; }
      if (w in TIME_OF) { out.filters.time = TIME_OF[w]; used[i] = true; }
      if (w in WHEN_OF) { out.filters.when = WHEN_OF[w]; used[i] = true; }
      if (w === "week" && ws[i - 1] === "this") out.filters.when = out.filters.when || "week";
      if (w === "free" && ws[i + 1] !== "access") { out.filters.free = "1"; used[i] = true; }
    });
    // What is left: synonym phrases (on stems, longest first), then single words.
    var rest = [];
    ws.forEach(function (w, i) { if (!used[i]) rest.push(w); });
    var st = rest.map(stem), taken = rest.map(function () { return false; });
    SYN.forEach(function (entry) {
      var phrase = entry[0], n = phrase.length;
      for (var i = 0; i + n <= st.length; i++) {
        var hit = true;
        for (var k = 0; k < n; k++) if (taken[i + k] || st[i + k] !== phrase[k]) { hit = false; break; }
        if (hit) {
          out.concepts.push({ label: rest.slice(i, i + n).join(" "), syn: entry[1], stem: n === 1 ? st[i] : null, word: n === 1 ? rest[i] : null, stems: st.slice(i, i + n) });
          for (k = i; k < i + n; k++) taken[k] = true;
        }
      }
    });
    out.concepts = early.concat(out.concepts);
    rest.forEach(function (w, i) {
      if (taken[i] || FILLER.indexOf(w) >= 0 || !lunr.stopWordFilter(w) || w.length < 2) return;
      out.concepts.push({ label: w, syn: null, stem: st[i], word: w, stems: [st[i]] });
    });
    return out;
  }

  // Each concept: its synonym token, its stem as the start of a word, and the word one typo off.
  // With many activities loaded, lunr's scoring of every match is what makes a search slow: the
  // index is read directly instead (the same matches; the score, used only to break ties after
  // the name and the next session, is the sum of the boosts of the fields matched). So is any part
  // of more than DIRECT activities (finder.py DIRECT), written without lunr's field vectors.
  var DIRECT = D.direct, BOOST = { name: 10, body: 1, syn: 2, synname: 10 };
  function directConcept(c) {
    var found = {}, clauses = [];
    if (c.syn !== null) clauses.push(["wosyn" + c.syn, false, ["syn", "synname"], 5]);
    if (c.stem) {
      clauses.push([c.stem, true, ["name", "body"], 1]);
      if (c.word !== c.stem && c.word.indexOf(c.stem) !== 0) clauses.push([c.word, true, ["name", "body"], 1]);
      if (/y$/.test(c.word)) clauses.push([c.word.slice(0, -1) + "i", true, ["name", "body"], 1]);
    }
    shards.forEach(function (shard) {
      if (!shard.idx) return;
      var named = {}, score = {};
      clauses.forEach(function (cl) {
        var terms = cl[1] ? shard.idx.tokenSet.intersect(lunr.TokenSet.fromString(cl[0] + "*")).toArray()
          : (shard.idx.invertedIndex[cl[0]] ? [cl[0]] : []);
        terms.forEach(function (t) {
          var entry = shard.idx.invertedIndex[t];
          if (!entry) return;
          cl[2].forEach(function (field) {
            for (var ref in entry[field]) {
              score[ref] = (score[ref] || 0) + BOOST[field] * cl[3];
              if (field === "synname") named[ref] = 1;
            }
          });
        });
      });
      for (var ref in score) {
        var i = shard.map[+ref];
        if (i === undefined) continue;
        var n = inName(i, c.stems) ? 2 : named[ref] ? 1 : 0;
        if (!found[i] || found[i].score < score[ref]) found[i] = { score: score[ref], name: n };
      }
    });
    return found;
  }
  function searchConcept(c) {
    if (docs.length > DIRECT || shards.some(function (s) { return s.direct; })) return directConcept(c);
    var found = {};
    shards.forEach(function (shard) { if (shard.idx) shard.idx.query(function (q) {
      if (c.syn !== null) q.term("wosyn" + c.syn, { usePipeline: false, fields: ["syn", "synname"], boost: 5 });
      if (c.stem) {
        q.term(c.stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, fields: ["name", "body"] });
        if (c.word !== c.stem) q.term(c.word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, fields: ["name", "body"] });
        // The index was stemmed by lunr.py, which ends some words differently (money -> monei).
        if (/y$/.test(c.word)) q.term(c.word.slice(0, -1) + "i", { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, fields: ["name", "body"] });
      }
    }).forEach(function (r) {
      var i = shard.map[+r.ref];
      if (i === undefined) return;
      var named = inName(i, c.stems) ? 2 : 0;  // 2: the words themselves are in the name; 1: a word that means the same
      for (var term in r.matchData.metadata) if (r.matchData.metadata[term].synname) named = Math.max(named, 1);
      if (!found[i] || found[i].score < r.score) found[i] = { score: r.score, name: named };
    }); });
    return found;
  }

  // -> null (no words to look for) or {ref: {fit, name, score}}, with partial set when no activity
  //    matched every word that matters.
  function search(concepts) {
    if (!concepts.length) return null;
    var hits = concepts.map(searchConcept), total = docs.length;
    var strong = hits.map(function (h) { return total < 10 || Object.keys(h).length <= total * 0.4; });
    if (strong.indexOf(true) < 0) strong = strong.map(function () { return true; });
    var nStrong = strong.filter(Boolean).length, out = {}, best = 0;
    hits.forEach(function (h, i) {
      for (var ref in h) {
        var o = out[ref] || (out[ref] = { fit: 0, name: 0, score: 0 });
        if (strong[i]) o.fit += 1;
        o.name += h[ref].name;
        o.score += h[ref].score;
      }
    });
    for (var r in out) best = Math.max(best, out[r].fit);
    var kept = {};
    for (r in out) if (out[r].fit === best && best > 0) kept[r] = out[r];
    partial = best < nStrong ? concepts.filter(function (c, i) { return strong[i]; }).map(function (c) { return c.label; }) : null;
    return kept;
  }

  // ---- Dates: when an activity next meets, and whether it meets on given days.
  var nextCache = {};
  function meetsOn(doc, n) {
    for (var k = 0; k < doc[18].length; k++) if (W.occurs(doc[18][k], n, D)) return true;
    return false;
  }
  function startOn(doc, n) {  // minutes after midnight of the first session on day n, or -1
    var best = -1;
    doc[18].forEach(function (s) {
      if (W.occurs(s, n, D)) { var m = +s[10].slice(0, 2) * 60 + +s[10].slice(3, 5); if (best < 0 || m < best) best = m; }
    });
    return best;
  }
  // The next session (day number + time as a fraction of the day), on the days asked for if any.
  function nextSession(i, state) {
    var key = i + "|" + (state ? state.day + state.when + state.date : "");
    if (key in nextCache) return nextCache[key];
    var doc = docs[i], found = Infinity, only = state ? whenDays(state) : null;
    if (doc[18].length) {
      var days = only || [];
      if (!only) for (var n = today; n < today + 400; n++) days.push(n);
      for (var k = 0; k < days.length; k++) {
        if (state && state.day !== "" && W.weekday(days[k]) !== +state.day) continue;
        var m = startOn(doc, days[k]);
        if (m >= 0) { found = days[k] + m / 1440; break; }
      }
    }
    return (nextCache[key] = found);
  }
  var dayCache = {};
  function daysOf(i) {  // weekly days, plus the days the next dates of monthly and one-off sessions fall on
    if (i in dayCache) return dayCache[i];
    var doc = docs[i], mask = doc[11];
    if (doc[18].some(function (s) { return s[0] === "m" || s[0] === "o"; }))
      for (var n = today; n < today + 63; n++) if (meetsOn(doc, n)) mask |= 1 << W.weekday(n);
    return (dayCache[i] = mask);
  }
  function whenDays(state) {
    var wd = W.weekday(today);
    if (state.when === "today") return [today];
    if (state.when === "tomorrow") return [today + 1];
    if (state.when === "week") return [0, 1, 2, 3, 4, 5, 6].map(function (k) { return today + k; });
    if (state.when === "weekend") return wd === 6 ? [today] : wd === 5 ? [today, today + 1] : [today + 5 - wd, today + 6 - wd];
    if (state.when === "date") { var d = dayFromIso(state.date); return d === null ? [] : [d]; }
    return null;
  }

  function matches(i, state, f) {
    var doc = docs[i];
    if (f.cat >= 0 && doc[9].indexOf(f.cat) < 0) return false;
    if (state.day !== "" && !(daysOf(i) & (1 << +state.day))) return false;
    if (state.time && !(doc[12] & TIMES[state.time])) return false;
    if (f.area >= 0 && doc[10].indexOf(f.area) < 0) return false;
    if (state.free && !(doc[13] & FREE)) return false;
    if (state.dropin && !(doc[13] & DROP_IN)) return false;
    if (state.stepfree && !(doc[13] & STEP_FREE)) return false;
    if (state.age !== "") {
      var age = +state.age;
      if ((doc[14] !== null && age < doc[14]) || (doc[15] !== null && age > doc[15])) return false;
    }
    if (state.audience && !(doc[13] & EVERYONE) && doc[16].indexOf(state.audience) < 0) return false;
    if (state.route && doc[17].indexOf(state.route) < 0) return false;
    if (f.days && !f.days.some(function (n) { return meetsOn(doc, n); })) return false;
    return true;
  }

  function find(state, scores) {
    var f = {
      cat: state.category ? indexOf(D.cats, state.category) : -1,
      area: state.area ? indexOf(D.areas, state.area) : -1,
      days: whenDays(state)
    };
    var out = [];
    if (scores) { for (var ref in scores) if (docs[+ref] && matches(+ref, state, f)) out.push(+ref); }
    else for (var i = 0; i < docs.length; i++) if (matches(i, state, f)) out.push(i);
    var next = {};  // each result's next session, worked out once before sorting
    out.forEach(function (i) { next[i] = nextSession(i, state); });
    out.sort(function (a, b) {
      var x = scores && scores[a], y = scores && scores[b];
      if (x && y && x.name !== y.name) return y.name - x.name;
      var na = next[a], nb = next[b];
      if (na !== nb) return na < nb ? -1 : 1;
      if (x && y && x.score !== y.score) return y.score - x.score;
      return collate(docs[a][1], docs[b][1]);
    });
    return out;
  }

  function describe(state) {
    var bits = [];
    if (state.q) bits.push("matching “" + state.q + "”");
    if (state.category) bits.push("in " + D.cats[indexOf(D.cats, state.category)][1]);
    if (state.day !== "") bits.push("on " + DAYS[+state.day] + "s");
    if (state.time) bits.push(TIME_WORDS[state.time]);
    if (state.when === "date" && dayFromIso(state.date) !== null) bits.push("on " + longDate(dayFromIso(state.date)));
    else if (state.when && state.when !== "date") bits.push(WHEN_WORDS[state.when]);
    if (state.area) bits.push("in " + D.areas[indexOf(D.areas, state.area)][1]);
    if (state.age) bits.push("for age " + state.age);
    if (state.audience) bits.push("for " + state.audience);
    if (state.route) bits.push("near bus " + D.routes[indexOf(D.routes, state.route)][1]);
    if (state.free) bits.push("free");
    if (state.dropin) bits.push("drop-in");
    if (state.stepfree) bits.push("with step-free access");
    if (state.closed) bits.push("including those closed for now");
    return bits.join(", ");
  }

  // ---- The parts: which a search needs, loading them, and the names index of the whole directory.
  var PART = {};  // area id ("" = no area) -> [key, path, count, gzipped bytes]
  D.parts.forEach(function (p) { PART[p[0]] = p; });
  function addShard(key) {  // an area's part, once loaded: its activities join docs
    if (shards.some(function (x) { return x.key === key; })) return;
    var v = W.parts["area:" + key];
    var map = v.docs.map(function (d) {
      if (d[0] in byId) return byId[d[0]];  // an activity in two areas is in both parts
      byId[d[0]] = docs.length; docs.push(d); return docs.length - 1;
    });
    // a part with "direct" (more than finder.py DIRECT activities) has no field vectors for lunr's scoring
    shards.push({ key: key, idx: v.index ? lunr.Index.load(v.index) : null, map: map, direct: !!v.direct });
  }
  // A small directory's parts come in start.js without their search indexes, which are in one
  // file (D.indexes) loaded when something is typed.
  var INDEXES = D.indexes ? [["indexes", D.indexes]] : [];
  function addIndexes() {
    if (!W.have("indexes")) return;
    shards.forEach(function (s) { var ix = W.parts.indexes.indexes[s.key]; if (!s.idx && ix) s.idx = lunr.Index.load(ix); });
  }
  function areaName(key) { var i = indexOf(D.areas, key); return i >= 0 ? D.areas[i][1] : ""; }
  function nameOf(keys) {
    var named = keys.filter(function (k) { return k; }).map(areaName);
    var text = named.length > 1 ? named.slice(0, -1).join(", ") + " and " + named[named.length - 1] : named.join("");
    return keys.indexOf("") >= 0 ? (text ? text + " and those with no area" : "with no area") : text;
  }
  function namePaths(word) { return W.namePaths(word, D.names); }
  function alternatives(c) {  // ways a concept's words may begin words of a name
    if (c.word) return c.stem && c.stem !== c.word ? [[c.word], [c.stem]] : [[c.word]];
    return c.stems && c.stems.length ? [c.stems] : [];
  }
  function nameWordsNeeded(concepts) {
    var out = [];
    concepts.forEach(function (c) { alternatives(c).forEach(function (alt) { alt.forEach(function (w) { if (w && w.length > 1) out = out.concat(namePaths(w)); }); }); });
    return out;
  }
  // The name records that match the most concepts: {id: record}.
  function nameHits(concepts) {
    var fit = {}, recs = {}, best = 0;
    concepts.forEach(function (c) {
      var hit = {};
      alternatives(c).forEach(function (alt) {
        var per = alt.map(function (w) {
          var ids = {};
          namePaths(w).forEach(function (item) {
            var part = W.parts[item[0]];
            if (!part) return;
            for (var word in part.w) if (word.indexOf(w) === 0) part.w[word].forEach(function (n) { var r = part.r[n]; ids[r[0]] = r; });
          });
          return ids;
        });
        for (var id in per[0]) if (per.every(function (ids) { return id in ids; })) { hit[id] = 1; recs[id] = per[0][id]; }
      });
      for (var id in hit) { fit[id] = (fit[id] || 0) + 1; best = Math.max(best, fit[id]); }
    });
    var out = {};
    for (var id2 in fit) if (fit[id2] === best) out[id2] = recs[id2];
    return out;
  }
  function keysOf(rec) { return rec[3].length ? rec[3].map(function (a) { return D.areas[a][0]; }) : [""]; }
  // What a search needs: {areas: [keys], names: [[kind:key, path]], lines: name records shown as
  // they are (a big directory, no area chosen), searched: [keys] or null (every area)}.
  function plan(state, u) {
    if (state.area) return inArea(state, u);
    if (D.eager) return { areas: Object.keys(PART), names: [], lines: null, searched: null };
    var need = nameWordsNeeded(u.concepts), out = { areas: [], names: need, lines: null, searched: [] };
    if (!u.concepts.length || need.some(function (item) { return !W.have(item[0]) && !W.failed[item[0]]; })) return out;
    var hits = nameHits(u.concepts), count = {};
    for (var id in hits) keysOf(hits[id]).forEach(function (k) { count[k] = (count[k] || 0) + 1; });
    out.areas = Object.keys(count).sort(function (a, b) { return count[b] - count[a] || (a < b ? -1 : 1); }).slice(0, MAX_AREAS);
    out.searched = out.areas;
    out.lines = nameLines(state, hits, "");
    return out;
  }
  // A search in one area of a big directory: while the area's part loads (425 KB for 3,200
  // activities, about 9 s on slow 3G), the names index shows what in that area has the words in its name.
  function inArea(state, u) {
    var out = { areas: [state.area], names: [], lines: null, searched: [state.area] };
    if (D.eager || !u.concepts.length || !PART[state.area] || W.have("area:" + state.area)) return out;
    out.names = nameWordsNeeded(u.concepts);
    if (!missing(out.names).length) out.lines = nameLines(state, nameHits(u.concepts), state.area);
    return out;
  }
  // Name hits shown as they are (before their areas' parts are in): only when nothing but the
  // words, a category and (`area`, if given) that area is asked for; else null.
  function nameLines(state, hits, area) {
    if (FIELDS.some(function (f) { return f !== "q" && f !== "category" && !(area && f === "area") && state[f]; })) return null;
    var cat = state.category ? indexOf(D.cats, state.category) : -1;
    return Object.keys(hits).map(function (k) { return hits[k]; }).filter(function (r) {
      return (cat < 0 || r[4].indexOf(cat) >= 0) && (!area || keysOf(r).indexOf(area) >= 0);
    });
  }
  function missing(items) { return items.filter(function (item) { return !W.have(item[0]) && !W.failed[item[0]]; }); }
  function areaItems(keys) { return keys.filter(function (k) { return PART[k]; }).map(function (k) { return ["area:" + k, PART[k][1]]; }); }

  // ---- Results.
  function line(label, value, cls) {
    var p = el("p", cls ? { "class": cls } : {}); p.appendChild(el("span", { "class": "wo-label" }, label + ": ")); p.appendChild(document.createTextNode(value));
    return p;
  }
  function nameCard(rec) {  // a name hit whose area is not loaded: its name, organisation and area
    var li = el("li", { "class": "wo-card", "data-wo-id": rec[0], "data-wo-name": rec[1] });
    var h = el("h2", { "class": "wo-card__title" });
    h.appendChild(el("a", { href: root + D.page.replace("{id}", rec[0]) + "index.html" }, rec[1]));
    li.appendChild(h);
    li.appendChild(el("p", { "class": "wo-card__summary" }, [rec[2]].concat(rec[3].map(function (a) { return D.areas[a][1]; })).join(" · ")));
    if (window.WhatsOnList) li.appendChild(window.WhatsOnList.button(rec[0], rec[1], keysOf(rec)));
    return li;
  }
  function card(i, full) {
    if (typeof i !== "number") return nameCard(i);
    var doc = docs[i], li = el("li", { "class": full ? "" : "wo-card", "data-wo-id": doc[0], "data-wo-name": doc[1] });
    var h = el("h2", { "class": "wo-card__title" });
    h.appendChild(el("a", { href: root + doc[3] + "index.html" }, doc[1]));
    li.appendChild(h);
    if (doc[21]) li.appendChild(el("p", { "class": "wo-flag" }, "Ring first: " + doc[21].replace(/^./, function (c) { return c.toLowerCase(); })));
    li.appendChild(el("p", { "class": "wo-card__summary" }, doc[2]));
    var next = Math.floor(nextSession(i));
    if (next !== Infinity) li.appendChild(line("Next", longDate(next) + (next === today ? " (today)" : next === today + 1 ? " (tomorrow)" : "")));
    li.appendChild(line("When", doc[4]));
    li.appendChild(line("Where", doc[5] + (doc[19] ? " (" + doc[19] + ")" : "")));
    if (doc[20]) li.appendChild(el("p", {}, doc[20]));
    if (doc[13] & STEP_FREE) li.appendChild(el("p", {}, "Step-free access"));
    li.appendChild(line("Cost", doc[6] + " · " + doc[7]));
    if (full && doc[8]) li.appendChild(line("Phone", doc[8]));
    if (window.WhatsOnList && !full) li.appendChild(window.WhatsOnList.button(doc[0], doc[1], doc[10].length ? doc[10].map(function (a) { return D.areas[a][0]; }) : [""]));
    return li;
  }
  function showMore(full) {
    var frag = document.createDocumentFragment(), end = full ? current.length : Math.min(current.length, shown + PAGE);
    for (var i = shown; i < end; i++) frag.appendChild(card(current[i], full));
    list.appendChild(frag);
    shown = end;
    if (moreButton) moreButton.hidden = shown >= current.length;
  }
  function countText(n) {
    return n === 0 ? "No activities found." : n === 1 ? "1 activity found" : n + " activities found";
  }

  // ---- No results: what would find something, with how many.
  function distance(a, b) {
    if (a[2] === null || b[2] === null) return 99;
    var dx = (a[3] - b[3]) * 111 * Math.cos(a[2] * Math.PI / 180), dy = (a[2] - b[2]) * 111;
    return Math.sqrt(dx * dx + dy * dy);
  }
  function suggestions(state, scores) {
    var out = [];
    function tryWith(change, label) {
      var s = {}; for (var k in state) s[k] = state[k];
      for (k in change) s[k] = change[k];
      var n = find(s, scores).length;
      if (n) out.push({ label: label, count: n, change: change });
    }
    if (state.area) {
      var here = D.areas[indexOf(D.areas, state.area)];
      D.areas.filter(function (a) { return a[0] !== state.area; })
        .sort(function (a, b) { return distance(here, a) - distance(here, b); }).slice(0, 3)
        .forEach(function (a) {  // counted only when that area's part is loaded (all of them when small)
          if (W.have("area:" + a[0])) tryWith({ area: a[0] }, "In " + a[1] + " (" + distance(here, a).toFixed(1) + " km away)");
        });
      if (D.eager) tryWith({ area: "" }, "In any area");
    }
    if (state.day !== "") {
      [1, 2, 3, 4, 5, 6].map(function (k) { return (+state.day + k) % 7; }).forEach(function (d) {
        if (out.length < 8) tryWith({ day: String(d) }, "On " + DAYS[d] + "s");
      });
      tryWith({ day: "" }, "On any day");
    }
    if (state.time) {
      Object.keys(TIMES).forEach(function (t) { if (t !== state.time) tryWith({ time: t }, "In the " + t); });
      tryWith({ time: "" }, "At any time of day");
    }
    if (state.when) {
      if (state.when !== "week") tryWith({ when: "week", date: "" }, "In the next 7 days");
      tryWith({ when: "", date: "" }, "On any date");
    }
    var others = { category: "In any category", free: "Not only free ones", dropin: "Not only drop-in",
      stepfree: "Without step-free access", age: "For any age", audience: "For everyone", route: "Near any bus route" };
    for (var f in others) if (state[f]) { var c = {}; c[f] = ""; tryWith(c, others[f]); }
    if (state.q) tryWith({ q: "" }, "Without the words “" + state.q + "”");
    return out;
  }
  function areaChoices() {  // a big directory with nothing asked yet: each area, with how many
    return D.areas.filter(function (a) { return PART[a[0]] && PART[a[0]][2]; }).map(function (a) {
      return { label: a[1], count: PART[a[0]][2], change: { area: a[0] } };
    });
  }
  function showSuggestions(state, scores, choose) {
    if (!suggestBox) return;
    suggestBox.textContent = "";
    if (current.length) { suggestBox.hidden = true; return; }
    var found = choose ? areaChoices() : suggestions(state, scores);
    suggestBox.appendChild(el("h2", { id: "suggestions-heading" }, choose ? "Choose an area" : found.length ? "Try instead" : "Nothing found"));
    if (found.length) {
      var ul = el("ul", { "class": "wo-suggest" });
      found.forEach(function (s) {
        var li = el("li"), b = el("button", { type: "button", "class": "wo-button wo-button--plain" },
          s.label + ": " + s.count + (s.count === 1 ? " activity" : " activities"));
        b.addEventListener("click", function () {
          var st = readForm(); for (var k in s.change) st[k] = s.change[k];
          fillForm(st); lastAuto = {}; update(readForm(), true); countBox.focus();
        });
        li.appendChild(b); ul.appendChild(li);
      });
      suggestBox.appendChild(ul);
    }
    var p = el("p", {}, "Or browse: ");
    p.appendChild(el("a", { href: root + "categories/index.html" }, "every category"));
    p.appendChild(document.createTextNode(", "));
    p.appendChild(el("a", { href: root + "days/index.html" }, "each day's timetable"));
    p.appendChild(document.createTextNode(" or "));
    p.appendChild(el("a", { href: root + "a-z/index.html" }, "the A to Z"));
    p.appendChild(document.createTextNode("."));
    suggestBox.appendChild(p);
    suggestBox.hidden = false;
  }

  // ---- Words in the search box that set filters: shown, and undone when the word goes.
  var lastAuto = {};
  function applyWords(state) {
    var u = understand(state.q), said = [];
    ["area", "day", "time", "when", "free"].forEach(function (f) {
      var want = u.filters[f] || "", input = form && form.elements[f];
      if (want && (state[f] === "" || state[f] === lastAuto[f])) {
        state[f] = want;
        if (input) { if (input.type === "checkbox") input.checked = true; else input.value = want; }
      } else if (!want && lastAuto[f] && state[f] === lastAuto[f]) {
        state[f] = "";
        if (input) { if (input.type === "checkbox") input.checked = false; else input.value = ""; }
      }
      if (want && state[f] === want) said.push(f === "area" ? "in " + D.areas[indexOf(D.areas, want)][1] :
        f === "day" ? "on " + DAYS[+want] + "s" : f === "time" ? TIME_WORDS[want] : f === "when" ? WHEN_WORDS[want] : "that are free");
      lastAuto[f] = want && state[f] === want ? want : "";
    });
    if (form) showDate();
    return { said: said, concepts: u.concepts, corrected: u.corrected };
  }

  var timer = null, asked = 0;
  function clearResults() {
    current = []; shown = 0; list.textContent = "";
    if (moreButton) moreButton.hidden = true;
    if (suggestBox) suggestBox.hidden = true;
    if (printLink) printLink.parentNode.hidden = true;
  }
  // Load parts, saying so in the live region ("Loading activities in Garston…"), then look again.
  function loadThen(items, label, state, announceNow) {
    var mine = ++asked;
    clearTimeout(timer);
    countBox.textContent = label;
    W.want(items, function () { if (mine === asked) update(state, announceNow); });
  }
  function loadingLabel(keys) {
    return keys.length === Object.keys(PART).length ? "Loading the activities…" : "Loading activities " + (nameOf(keys).indexOf("with no area") === 0 ? "" : "in ") + nameOf(keys) + "…";
  }
  function update(state, announceNow) {
    var u = applyWords(state), p = plan(state, u);
    var names = missing(p.names);
    if (names.length) {
      clearResults();
      loadThen(names, "Searching the names of " + (state.area ? "activities in " + areaName(state.area) : "every activity") + "…", state, announceNow);
      return;
    }
    var indexes = u.concepts.length ? missing(INDEXES) : [];
    if (indexes.length) { clearResults(); loadThen(indexes, "Loading the search…", state, announceNow); return; }
    Object.keys(PART).forEach(function (k) { if (W.have("area:" + k)) addShard(k); });
    addIndexes();
    var wanted = missing(areaItems(p.areas)), wantedKeys = wanted.map(function (item) { return item[0].slice(5); });
    var choose = !D.eager && !state.area && !u.concepts.length, scores = search(u.concepts);
    current = choose ? [] : find(state, scores);
    if (p.lines) current = current.concat(p.lines.filter(function (r) { return !(r[0] in byId); })
      .sort(function (a, b) { return collate(a[1], b[1]); }));
    if (wanted.length && !current.length) { clearResults(); loadThen(wanted, loadingLabel(wantedKeys), state, announceNow); return; }
    // Nothing in the area chosen: a small directory loads the rest, so the suggestions can count.
    var rest = D.eager && !current.length ? missing(areaItems(Object.keys(PART))) : [];
    if (rest.length) { loadThen(rest, "Loading the activities…", state, announceNow); return; }
    shown = 0; list.textContent = "";
    showMore(!form);
    var qs = query(state);
    if (printLink) { printLink.href = "list/index.html" + (qs ? "?" + qs : ""); printLink.parentNode.hidden = !current.length; }
    if (form) { try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// */ } }
    var lost = areaItems(p.areas).concat(p.names, u.concepts.length ? INDEXES : []).filter(function (item) { return W.failed[item[0]]; });
    if (understood) {
      var bits = [];
      if (u.said.length) bits.push("Showing activities " + u.said.join(", ") + ": your words set the filters.");
      if (u.corrected.length) bits.push("Searched for " + u.corrected.map(function (c) { return "“" + c[1] + "”"; }).join(", ") + " (you typed " + u.corrected.map(function (c) { return "“" + c[0] + "”"; }).join(", ") + ").");
      // (not while an area's name hits stand in for its part: the words were not searched yet)
      if (partial && current.length && !(p.lines && state.area)) bits.push("No activity matches all of " + partial.map(function (w) { return "“" + w + "”"; }).join(", ") + ": these match some.");
      if (p.lines && state.area) bits.push("Showing what in " + areaName(state.area) + " has your words in its name, while everything about its activities loads.");
      if (!D.eager && !state.area && u.concepts.length) bits.push("Searched the names of every activity" + (p.searched.length ? ", and everything about those in " + nameOf(p.searched) : "") + ". Choose an area to search everything about its activities.");
      if (lost.length) bits.push("Some activities could not be loaded: you may be offline. Try again when you are online.");
      understood.textContent = bits.join(" ");
      understood.hidden = !bits.length;
    }
    showSuggestions(state, scores, choose);
    if (showButton) showButton.textContent = "Show " + countText(current.length).replace(" found", "").replace("No activities.", "0 activities");
    clearTimeout(timer);
    var say = function () {
      countBox.textContent = choose ? "Choose an area, or type what you are looking for." :
        countText(current.length) + (current.length ? "" : " Try one of the suggestions below.");
    };
    if (wanted.length) loadThen(wanted, loadingLabel(wantedKeys), state, announceNow);
    else if (announceNow) say(); else timer = setTimeout(say, 400);
  }

  var first = readUrl();
  if (noticeBox && first.ignored.length) {
    noticeBox.textContent = "This link asked for " + first.ignored.join(" and ") +
      ", which this directory does not have, so we left " + (first.ignored.length > 1 ? "them" : "it") + " out.";
    noticeBox.hidden = false;
  }
  if (form) {
    fillForm(first);
    // On a phone, fold the filters away unless some are in use, so results show straight away.
    var box = document.getElementById("filterbox");
    if (box && window.innerWidth < 600 && !FIELDS.some(function (f) { return f !== "q" && first[f]; })) box.open = false;
    update(readForm(), true);
    form.addEventListener("input", function () { showDate(); update(readForm(), false); });
    form.addEventListener("change", function () { showDate(); update(readForm(), false); });
    form.addEventListener("reset", function () { lastAuto = {}; setTimeout(function () { showDate(); update(readForm(), true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(readForm(), true); countBox.focus(); });
    moreButton.addEventListener("click", function () {
      var from = shown; showMore(false);
      var link = list.children[from] && list.children[from].querySelector("a");
      if (link) link.focus();
    });
    if (showButton) showButton.addEventListener("click", function () {
      if (box) box.open = false;
      update(readForm(), true);
      countBox.focus();
    });
  } else {
    var state = first, said;
    update(state, true);
    said = describe(state);
    document.getElementById("list-filters").textContent = said ? "Activities " + said + "." : "All activities.";
    var back = document.getElementById("back-to-finder"), qs = query(state);
    if (back && qs) back.href = "../index.html?" + qs;
    document.getElementById("print-now").addEventListener("click", function () { window.print(); });
  }
  window.WhatsOnFinder = {
    // Load what a search needs, then done(): for tests and scripts/bench_finder.py.
    load: function (state, done) {
      var s = {}; FIELDS.forEach(function (f) { s[f] = state[f] || ""; });
      var u = applyWords(s);
      W.want(missing(plan(s, u).names).concat(missing(INDEXES)), function () {
        W.want(missing(areaItems(plan(s, u).areas)), function () {
          Object.keys(PART).forEach(function (k) { if (W.have("area:" + k)) addShard(k); });
          addIndexes();
          done();
        });
      });
    },
    find: function (state) { var s = {}; FIELDS.forEach(function (f) { s[f] = state[f] || ""; }); var u = applyWords(s); return find(s, search(u.concepts)).map(function (i) { return docs[i][0]; }); },
    understand: understand
  };
})();
