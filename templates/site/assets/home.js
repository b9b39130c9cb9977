/* "What's on today" and "this week", worked out on this device from the schedules, so a saved or
   offline copy of the site stays right. The rules match generator/schedule.py (tested). */
(function () {
  "use strict";
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function toDay(y, m, d) { return Math.round(Date.UTC(y, m, d) / 864e5); }          // m from 0
  function parts(n) { var t = new Date(n * 864e5); return [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()]; }
  function weekday(n) { return (n + 3) % 7; }                     // 1970-01-01 was a Thursday; Monday = 0
  function daysInMonth(y, m) { return new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); }

  // s = [kind, days, weeks, dayOfMonth, dates, anchor, validFrom, validTo, notBankHolidays, termOnly, start, end]
  function occurs(s, n, data) {
    if (s[6] !== null && n < s[6]) return false;
    if (s[7] !== null && n > s[7]) return false;
    var kind = s[0], wd = weekday(n), hit = false;
    if (kind === "o") hit = s[4].indexOf(n) >= 0;
    else if (kind === "w") hit = s[1].indexOf(wd) >= 0;
    else if (kind === "f") {
      var monday = n - wd;
      hit = s[1].indexOf(wd) >= 0 && s[5] !== null && monday >= s[5] && ((monday - s[5]) / 7) % 2 === 0;
    } else if (kind === "m") {
      var p = parts(n);
      if (s[3]) hit = p[2] === s[3];
      else if (s[1].indexOf(wd) >= 0) {
        var nth = Math.floor((p[2] - 1) / 7) + 1, last = p[2] + 7 > daysInMonth(p[0], p[1]);
        hit = s[2].some(function (w) { return w === nth || (w === -1 && last); });
      }
    }
    if (!hit) return false;
    if (s[8] && data.bh.indexOf(n) >= 0) return false;
    if (s[9] && !data.terms.some(function (t) { return t[0] <= n && n <= t[1]; })) return false;
    return true;
  }

  // Every session on day n: [[activity index, start, end], ...] by start time then name.
  function sessionsOn(n, data) {
    var out = [];
    data.acts.forEach(function (a, i) {
      var seen = {};
      a[3].forEach(function (s) {
        var key = s[10] + "-" + s[11];
        if (!seen[key] && occurs(s, n, data)) { seen[key] = 1; out.push([i, s[10], s[11]]); }
      });
    });
    out.sort(function (x, y) {
      return x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : data.acts[x[0]][0].localeCompare(data.acts[y[0]][0]);
    });
    return out;
  }

  function clock(t) {
    var h = +t.slice(0, 2), m = +t.slice(3, 5);
    if (h === 12 && m === 0) return "12 noon";
    if (h === 0 && m === 0) return "midnight";
    var suffix = h < 12 ? "am" : "pm", h12 = h % 12 || 12;
    return m === 0 ? h12 + suffix : h12 + ":" + (m < 10 ? "0" : "") + m + suffix;
  }
  function longDate(n) { var p = parts(n); return DAY_NAMES[weekday(n)] + " " + p[2] + " " + MONTHS[p[1]]; }

  // ---- The finder's data parts (generator/site/finder.py), loaded with <script> elements when a
  // search needs them (no fetch(), so it works from file:// too). Each part adds itself to
  // window.WO_LOADED; want(paths, done) calls done() once every one of them is in (or failed).
  var here = document.currentScript && document.currentScript.src;
  var base = here ? here.replace(/assets\/home\.js(\?.*)?$/, "") : "";
  var loaded = {}, waiting = {}, failed = {}, queue = window.WO_LOADED || [];
  function register(value) {
    var k = value.today !== undefined ? "today:" + value.today : value.key !== undefined ? "area:" + value.key :
      value.indexes !== undefined ? "indexes" : "names:" + value.p;
    loaded[k] = value;
    var w = waiting[k] || []; delete waiting[k];
    w.forEach(function (f) { f(); });
  }
  window.WO_LOADED = { push: register };
  queue.forEach(register);
  function have(k) { return k in loaded; }
  function want(items, done) {  // items: [[kind:key, path], ...]
    var left = 0;
    function one() { if (--left === 0) done(); }
    items.forEach(function (item) {
      var k = item[0];
      if (have(k)) return;
      left++;
      if (waiting[k]) { waiting[k].push(one); return; }
      waiting[k] = [one];
      var s = document.querySelector('script[data-wo-part="' + k + '"]');  // the page may have started it
      function lost() { failed[k] = 1; var w = waiting[k] || []; delete waiting[k]; w.forEach(function (f) { f(); }); }
      if (s && s.hasAttribute("data-wo-failed")) { lost(); return; }
      if (!s) { s = document.createElement("script"); s.src = base + "assets/" + item[1]; document.head.appendChild(s); }
      s.addEventListener("error", lost);
    });
    if (left === 0) done();
  }

  // The names index parts (start.js "names": {prefix: path}) whose words may start with `word`;
  // a prefix ending "=" holds just that word.
  function namePaths(word, names) {
    var out = [];
    for (var prefix in names) {
      var exact = /=$/.test(prefix), p = prefix.replace(/=$/, "");
      if (exact ? p.indexOf(word) === 0 : (word.indexOf(p) === 0 || p.indexOf(word) === 0)) out.push(["names:" + prefix, names[prefix]]);
    }
    return out;
  }

  window.WhatsOn = { toDay: toDay, occurs: occurs, sessionsOn: sessionsOn, clock: clock, weekday: weekday,
    parts: loaded, have: have, want: want, failed: failed, namePaths: namePaths };

  var data = window.WO_SCHED, todayBox = document.getElementById("today-list");
  if (!data || !todayBox) return;
  var root = document.currentScript.src.replace(/assets\/home\.js(\?.*)?$/, "");
  var now = new Date(), today = toDay(now.getFullYear(), now.getMonth(), now.getDate());
  var LIMIT = 8, minutes = now.getHours() * 60 + now.getMinutes();
  function mins(t) { return +t.slice(0, 2) * 60 + +t.slice(3, 5); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Today: what is still to come (or on now) first; what has finished is marked, at the end.
  function list(n, limit) {
    var rows = sessionsOn(n, data), ul = el("ul", { "class": "wo-day-list" }), done = [];
    if (n === today) {
      done = rows.filter(function (r) { return mins(r[2]) <= minutes; });
      rows = rows.filter(function (r) { return mins(r[2]) > minutes; });
    }
    function item(r, finished) {
      var a = data.acts[r[0]], li = el("li", finished ? { "class": "wo-finished" } : {});
      li.appendChild(el("span", { "class": "wo-time" }, clock(r[1]) + " to " + clock(r[2])));
      li.appendChild(document.createTextNode(" "));
      if (finished) li.appendChild(el("strong", {}, "Finished: "));
      else if (n === today && mins(r[1]) <= minutes) li.appendChild(el("strong", {}, "On now: "));
      li.appendChild(el("a", { href: root + a[1] + "index.html" }, a[0]));
      if (a[2]) li.appendChild(document.createTextNode(" — " + a[2]));
      return li;
    }
    rows.slice(0, limit).forEach(function (r) { ul.appendChild(item(r, false)); });
    var doneList = el("ul", { "class": "wo-day-list wo-done-list" });
    done.forEach(function (r) { doneList.appendChild(item(r, true)); });
    return { rows: rows, list: ul, done: done, doneList: doneList };
  }
  function dayPage(n) { return root + "days/" + DAY_NAMES[weekday(n)].toLowerCase() + "/index.html"; }

  document.getElementById("today-date").textContent = "Today is " + longDate(today) + ".";
  var notice = document.getElementById("today-notice");
  if (notice && data.bh.indexOf(today) >= 0) {
    notice.appendChild(el("p", { "class": "wo-notice", role: "note" }, "Today is a bank holiday: ring before you go."));
  }
  var findToday = root + "find/index.html?when=today";
  if (data.acts) show();
  else chooseArea();

  // A big directory (generator/site/today.py): schedules.js has no activities; the reader chooses
  // their area and only that area's file (and the one of activities with no area) is loaded.
  function chooseArea() {
    var form = document.getElementById("today-form"), select = document.getElementById("today-area"),
      status = document.getElementById("today-status");
    if (!form || !select) return;
    var parts = {};
    data.parts.forEach(function (p) { parts[p[0]] = p; });
    form.hidden = false;
    todayBox.textContent = "";
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var key = select.value, name = select.options[select.selectedIndex].text;
      var items = [key, ""].filter(function (k) { return parts[k]; })
        .map(function (k) { return ["today:" + k, parts[k][2]]; });
      status.textContent = "Loading today's activities in " + name + "…";
      want(items, function () {
        if (items.some(function (i) { return failed[i[0]]; })) {
          items.forEach(function (i) { delete failed[i[0]]; });
          status.textContent = "Today's activities in " + name + " could not be loaded. Check your connection and try again.";
          return;
        }
        var seen = {};
        data.acts = [];
        items.forEach(function (i) {
          loaded[i[0]].acts.forEach(function (a) { if (!seen[a[1]]) { seen[a[1]] = 1; data.acts.push(a); } });
        });
        findToday = root + "find/index.html?when=today&area=" + encodeURIComponent(key);
        show();
        status.textContent = "Showing activities in " + name + ".";
      });
    });
  }

  function show() {
    todayBox.textContent = "";
    var t = list(today, LIMIT);
    if (t.rows.length) todayBox.appendChild(t.list);
    else todayBox.appendChild(el("p", {}, t.done.length ? "Nothing more today. Try the rest of the week below." : "Nothing listed for today. Try the rest of the week below."));
    if (t.rows.length > LIMIT) {
      var more = el("p"); more.appendChild(el("a", { href: findToday }, "See all " + t.rows.length + " still to come today"));
      todayBox.appendChild(more);
    }
    if (t.done.length) {
      todayBox.appendChild(el("h3", {}, "Already finished today"));
      todayBox.appendChild(t.doneList);
    }
    var week = document.getElementById("week-list");
    week.textContent = "";
    for (var n = today + 1; n <= today + 6; n++) {
      week.appendChild(el("h3", {}, longDate(n)));
      var d = list(n, 12);
      if (d.rows.length) week.appendChild(d.list); else week.appendChild(el("p", {}, "Nothing listed."));
      if (d.rows.length > 12) {
        var p = el("p"); p.appendChild(el("a", { href: dayPage(n) }, "See the full " + DAY_NAMES[weekday(n)] + " timetable"));
        week.appendChild(p);
      }
    }
  }
})();
