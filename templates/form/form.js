/* "Add or update your activity": one short step at a time, checked as you go, then "Check your
 * answers" and the file to send.
 *
 * Reads window.WHATSON_SCHEMA (listing-schema.js), window.WHATSON_FORM (form-data.js) and, when
 * opened as index.html?activity=ID, window.WHATSON_LISTING from listings/ID.js: the group's
 * public details and that activity (never the maintainers). The file it makes holds the
 * organisation and the one activity added or changed; `python -m generator merge` (and the issue
 * route) put it into the group's file, keeping everything the form did not send. Works from
 * file:// and offline: everything is loaded by <script src>, nothing is fetched.
 */
(function () {
  "use strict";

  var SCHEMA = window.WHATSON_SCHEMA;
  var DATA = window.WHATSON_FORM;
  var WO = window.WO;
  var ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var WEEKS = ["first", "second", "third", "fourth", "last"];

  var STEPS = ["still", "group", "activity", "kind", "who", "when", "where", "cost", "join", "first",
    "contact", "you", "check"];
  var state = {mode: "new", base: null, index: 0, file: null, fieldFor: {}, nextSchedule: 0,
    step: null, nothingChanged: false, known: null, visited: {}};

  function $(id) { return document.getElementById(id); }
  function clone(x) { return x === undefined ? undefined : JSON.parse(JSON.stringify(x)); }
  function text(id) { var el = $(id); return el ? el.value.replace(/\s+$/, "").replace(/^\s+/, "") : ""; }
  function ticked(id) { var el = $(id); return !!(el && el.checked); }
  function radio(name) {
    var el = document.querySelector('input[name="' + name + '"]:checked');
    return el ? el.value : "";
  }
  function checkedValues(name) {
    return Array.prototype.map.call(document.querySelectorAll('input[name="' + name + '"]:checked'),
      function (el) { return el.value; });
  }
  function setRadio(name, value) {
    Array.prototype.forEach.call(document.querySelectorAll('input[name="' + name + '"]'), function (el) {
      el.checked = el.value === value;
    });
  }
  function setChecks(name, values) {
    values = values || [];
    Array.prototype.forEach.call(document.querySelectorAll('input[name="' + name + '"]'), function (el) {
      el.checked = values.indexOf(el.value) >= 0;
    });
  }
  function setValue(id, value) { var el = $(id); if (el) el.value = value == null ? "" : String(value); }
  function setTick(id, value) { var el = $(id); if (el) el.checked = value === true; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  // The same as generator/listing_store.py slug(): "Tea & Cake Café" -> "tea-and-cake-cafe".
  var TRANSLIT = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i"};
  function slug(textValue) {
    var t = textValue.toLowerCase().replace(/[ßæøœłđþı]/g, function (c) { return TRANSLIT[c]; });
    t = t.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return t.replace(/&/g, " and ").replace(/'/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  // 05/12/2026 or 2026-12-05 -> 2026-12-05; anything else is returned as typed (and then fails).
  function isoDate(value) {
    var m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4}|\d{2})$/.exec(value);
    if (m) {
      var y = m[3].length === 2 ? "20" + m[3] : m[3];
      return y + "-" + m[2].padStart(2, "0") + "-" + m[1].padStart(2, "0");
    }
    return value;
  }
  function ukDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : (iso || "");
  }
  function clock(value) {
    var m = /^(\d{1,2})[:.](\d{2})$/.exec(value);
    return m && +m[1] < 24 && +m[2] < 60 ? m[1].padStart(2, "0") + ":" + m[2] : value;
  }
  function number(value, whole) {
    var cleaned = value.replace(/^£\s*/, "");
    if (whole ? /^\d+$/.test(cleaned) : /^\d+(\.\d{1,2})?$/.test(cleaned)) return Number(cleaned);
    return value;
  }
  function words(value) {
    return value.split(",").map(function (w) { return w.trim(); }).filter(Boolean);
  }
  // Keep the order a list had before; add new choices in the form's order.
  function orderLike(before, chosen) {
    var kept = (before || []).filter(function (v) { return chosen.indexOf(v) >= 0; });
    return kept.concat(chosen.filter(function (v) { return kept.indexOf(v) < 0; }));
  }

  // Put `value` at obj[key] (or remove it when blank); remember which field holds that path.
  function put(obj, key, value, path, fieldId) {
    if (fieldId) state.fieldFor[path + "/" + key] = fieldId;
    if (value === "" || value === undefined || value === null ||
        (Array.isArray(value) && !value.length && !(key in obj))) {
      delete obj[key];
    } else {
      obj[key] = value;
    }
  }
  // A tick box for an optional yes/no: ticked is true; unticked is false if the file said so
  // before (or said true: the tick was taken off), otherwise the question stays unanswered.
  function putTick(obj, key, id, before, path) {
    state.fieldFor[path + "/" + key] = id;
    if (ticked(id)) obj[key] = true;
    else if (before && key in before && before[key] !== null) obj[key] = false;
    else delete obj[key];
  }
  function dropIfEmpty(parent, key, before) {
    if (parent[key] && !Object.keys(parent[key]).length && !(before && key in before)) delete parent[key];
  }

  // -------------------------------------------------------------------------------------------
  // Schedules: one fieldset each, made from the <template>.

  function addSchedule(data, focus) {
    var i = state.nextSchedule++;
    var html = $("wo-schedule-template").innerHTML.replace(/__i__/g, String(i));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fs = holder.firstElementChild;
    fs._base = data ? clone(data) : null;
    $("wo-schedules").appendChild(fs);
    if (data) fillSchedule(i, data);
    fs.addEventListener("change", function () { revealSchedule(i); });
    fs.querySelector("[data-remove]").addEventListener("click", function () { removeSchedule(fs); });
    renumber();
    revealSchedule(i);
    if (focus) fs.querySelector("input").focus();
  }

  function removeSchedule(fs) {
    var next = fs.nextElementSibling || fs.previousElementSibling;
    fs.parentNode.removeChild(fs);
    renumber();
    (next ? next.querySelector("input") : $("wo-add-schedule")).focus();
  }

  function renumber() {
    var all = $("wo-schedules").querySelectorAll(".wo-schedule");
    Array.prototype.forEach.call(all, function (fs, n) {
      fs.querySelector("legend").textContent = "Time " + (n + 1);
      fs.querySelector("[data-remove]").textContent = "Remove time " + (n + 1);
    });
    $("wo-add-schedule").textContent = all.length ? "Add another time" : "Add a time";
    Array.prototype.forEach.call(all, function (fs) { fs.classList.toggle("wo-schedule--only", all.length === 1); });
  }

  function scheduleKind(i) {
    var freq = radio("s" + i + "-frequency");
    if (freq !== "monthly") return [freq];
    var sub = radio("s" + i + "-monthly") || "weekday";
    return ["monthly", "monthly-" + sub];
  }

  function revealSchedule(i) {
    var kinds = scheduleKind(i);
    Array.prototype.forEach.call($("s" + i).querySelectorAll("[data-show]"), function (el) {
      el.hidden = !el.getAttribute("data-show").split(" ").some(function (k) { return kinds.indexOf(k) >= 0; });
    });
  }

  function fillSchedule(i, s) {
    var p = "s" + i + "-";
    setRadio(p.slice(0, -1) + "-frequency", s.frequency);
    setChecks(p + "days", s.days);
    setRadio(p + "monthly", s.day_of_month != null ? "date" : "weekday");
    setChecks(p + "weeks", s.weeks);
    setValue(p + "day-of-month", s.day_of_month);
    setValue(p + "dates", (s.dates || []).map(ukDate).join(", "));
    setValue(p + "start-date", ukDate(s.start_date));
    setValue(p + "start", s.start);
    setValue(p + "end", s.end);
    setTick(p + "bank-holidays", s.not_on_bank_holidays);
    setTick(p + "term-time", s.term_time_only);
    setValue(p + "valid-from", ukDate(s.valid_from));
    setValue(p + "valid-to", ukDate(s.valid_to));
    setValue(p + "notes", s.notes);
    if (s.valid_from || s.valid_to || s.notes) $("s" + i).querySelector("details").open = true;
  }

  function readSchedule(fs, path) {
    var i = fs.id.slice(1);
    var p = "s" + i + "-";
    var before = fs._base || {};
    var s = {};
    var kinds = scheduleKind(i);
    var freq = kinds[0];
    put(s, "frequency", freq, path, p + "frequency");
    var usesDays = ["weekly", "fortnightly", "monthly-weekday"].some(function (k) { return kinds.indexOf(k) >= 0; });
    if (usesDays) put(s, "days", orderLike(before.days, checkedValues(p + "days")), path, p + "days");
    else state.fieldFor[path + "/days"] = p + "days";
    if (kinds.indexOf("monthly-weekday") >= 0) put(s, "weeks", orderLike(before.weeks, checkedValues(p + "weeks")), path, p + "weeks");
    else state.fieldFor[path + "/weeks"] = p + "weeks";
    if (kinds.indexOf("monthly-date") >= 0) put(s, "day_of_month", number(text(p + "day-of-month"), true), path, p + "day-of-month");
    if (freq === "once") put(s, "dates", words(text(p + "dates")).map(isoDate), path, p + "dates");
    else state.fieldFor[path + "/dates"] = p + "dates";
    if (freq === "fortnightly") put(s, "start_date", isoDate(text(p + "start-date")), path, p + "start-date");
    state.fieldFor[path + "/start_date"] = p + "start-date";
    put(s, "start", clock(text(p + "start")), path, p + "start");
    put(s, "end", clock(text(p + "end")), path, p + "end");
    put(s, "valid_from", isoDate(text(p + "valid-from")), path, p + "valid-from");
    put(s, "valid_to", isoDate(text(p + "valid-to")), path, p + "valid-to");
    putTick(s, "not_on_bank_holidays", p + "bank-holidays", before, path);
    putTick(s, "term_time_only", p + "term-time", before, path);
    put(s, "notes", text(p + "notes"), path, p + "notes");
    state.fieldFor[path] = p + "frequency";
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Where

  function whereKind() { return radio("f-where-kind"); }

  function revealWhere() {
    var kind = whereKind();
    $("wo-where-list").hidden = kind !== "list";
    $("wo-where-new").hidden = kind !== "new";
    $("wo-where-areas").hidden = kind !== "none";
  }

  function fillWhere(w) {
    w = w || {};
    if (typeof w.venue === "string") {
      setRadio("f-where-kind", "list");
      var select = $("f-venue");
      if (!select.querySelector('option[value="' + w.venue + '"]')) {
        var opt = document.createElement("option");
        opt.value = w.venue;
        opt.textContent = w.venue;
        select.appendChild(opt);
      }
      select.value = w.venue;
    } else if (w.venue && typeof w.venue === "object") {
      setRadio("f-where-kind", "new");
      var v = w.venue;
      setValue("f-venue-name", v.name);
      setValue("f-venue-address", v.address);
      setValue("f-venue-postcode", v.postcode);
      setValue("f-venue-area", v.area);
      setTick("f-venue-step-free", v.step_free);
      setTick("f-venue-toilet", v.accessible_toilet);
      setTick("f-venue-loop", v.hearing_loop);
      setTick("f-venue-parking", v.parking);
      setValue("f-venue-notes", v.accessibility_notes);
    } else if (state.mode === "update") {
      setRadio("f-where-kind", "none");
    }
    setTick("f-online", w.online);
    setTick("f-by-phone", w.by_phone);
    setTick("f-home-visits", w.home_visits);
    setChecks("f-areas", w.areas);
    setValue("f-where-details", w.details);
  }

  function readWhere(before, path) {
    before = before || {};
    var w = clone(before);
    var kind = whereKind();
    if (kind === "list") {
      put(w, "venue", $("f-venue").value, path, "f-venue");
    } else if (kind === "new") {
      var vb = before.venue && typeof before.venue === "object" ? before.venue : {};
      var v = clone(vb);
      var vp = path + "/venue";
      put(v, "name", text("f-venue-name"), vp, "f-venue-name");
      put(v, "address", text("f-venue-address"), vp, "f-venue-address");
      put(v, "postcode", text("f-venue-postcode"), vp, "f-venue-postcode");
      put(v, "area", $("f-venue-area").value, vp, "f-venue-area");
      putTick(v, "step_free", "f-venue-step-free", vb, vp);
      putTick(v, "accessible_toilet", "f-venue-toilet", vb, vp);
      putTick(v, "hearing_loop", "f-venue-loop", vb, vp);
      putTick(v, "parking", "f-venue-parking", vb, vp);
      put(v, "accessibility_notes", text("f-venue-notes"), vp, "f-venue-notes");
      w.venue = v;
      state.fieldFor[vp] = "f-venue-name";
    } else {
      delete w.venue;
      state.fieldFor[path + "/venue"] = "f-where-kind";
    }
    putTick(w, "online", "f-online", before, path);
    putTick(w, "by_phone", "f-by-phone", before, path);
    putTick(w, "home_visits", "f-home-visits", before, path);
    put(w, "areas", orderLike(before.areas, checkedValues("f-areas")), path, "f-areas");
    put(w, "details", text("f-where-details"), path, "f-where-details");
    return w;
  }

  // -------------------------------------------------------------------------------------------
  // The whole listing: form -> data and data -> form.

  function fill(listing, index) {
    var org = listing.organisation || {};
    var a = (listing.activities || [])[index] || {};
    setValue("f-org-name", org.name);
    setValue("f-org-description", org.description);
    setValue("f-org-phone", ((org.phones || [])[0] || {}).number);
    setValue("f-org-email", org.email);
    setValue("f-org-website", org.website);
    setValue("f-name", a.name);
    setValue("f-summary", a.summary);
    setValue("f-description", a.description);
    setChecks("f-categories", a.categories);
    var aud = a.audience || {};
    setValue("f-groups", (aud.groups || []).join(", "));
    setValue("f-min-age", aud.min_age);
    setValue("f-max-age", aud.max_age);
    setTick("f-not-just-older", aud.not_just_older_people);
    setValue("f-eligibility", aud.eligibility);
    (a.schedules || []).forEach(function (s) { addSchedule(s); });
    setRadio("f-timed", (a.schedules || []).length ? "yes" : "no");
    revealTimes();
    fillWhere(a.where);
    var cost = a.cost || {};
    setRadio("f-cost-kind", cost.kind);
    setValue("f-amount", cost.amount);
    setValue("f-concession-amount", cost.concession_amount);
    setValue("f-cost-description", cost.description);
    var how = a.how_to_go || {};
    setRadio("f-access", how.access);
    setChecks("f-referral", how.referral_from);
    setValue("f-how", how.how);
    setRadio("f-capacity", a.capacity || "open");
    setRadio("f-status", a.status || "active");
    setValue("f-languages", (a.languages || ["English"]).join(", "));
    setValue("f-communication", a.communication_support);
    var fv = a.first_visit || {};
    setTick("f-bring-friend", fv.bring_a_friend);
    setTick("f-meets-you", fv.someone_meets_you);
    setTick("f-refreshments", fv.refreshments);
    setValue("f-first-notes", fv.notes);
    setValue("f-phone", a.phone);
    setValue("f-on-the-day-phone", a.on_the_day_phone);
    setValue("f-email", a.email);
    setValue("f-website", a.website);
    setValue("f-checked-by", a.checked_by);
    revealWhere();
  }

  function readOrganisation(before) {
    var path = "/organisation";
    var org = clone(before) || {};
    put(org, "name", text("f-org-name"), path, "f-org-name");
    put(org, "description", text("f-org-description"), path, "f-org-description");
    put(org, "website", text("f-org-website"), path, "f-org-website");
    put(org, "email", text("f-org-email"), path, "f-org-email");
    var phones = clone(before.phones) || [];
    var phone = text("f-org-phone");
    state.fieldFor[path + "/phones/0/number"] = "f-org-phone";
    if (phone && phones.length) phones[0].number = phone;
    else if (phone) phones = [{number: phone}];
    else phones.shift();
    if (phones.length) org.phones = phones; else delete org.phones;
    var email = text("f-contact-email");
    var maintainers = clone(before.maintainers) || [];
    if (email && !maintainers.some(function (m) { return m.email === email; })) {
      state.fieldFor[path + "/maintainers/" + maintainers.length + "/email"] = "f-contact-email";
      var m = {email: email};
      if (text("f-checked-by")) m = {name: text("f-checked-by"), email: email};
      maintainers.push(m);
    }
    if (maintainers.length) org.maintainers = maintainers;
    return org;
  }

  function readActivity(before, path) {
    var a = clone(before) || {};
    if (state.mode === "new") a.id = slug(text("f-name"));
    state.fieldFor[path + "/id"] = "f-name";
    put(a, "name", text("f-name"), path, "f-name");
    put(a, "summary", text("f-summary"), path, "f-summary");
    put(a, "description", text("f-description"), path, "f-description");
    state.fieldFor[path + "/categories"] = "f-categories";
    a.categories = orderLike(before.categories, checkedValues("f-categories"));

    var ab = before.audience || {};
    var aud = clone(ab);
    var ap = path + "/audience";
    put(aud, "min_age", number(text("f-min-age"), true), ap, "f-min-age");
    put(aud, "max_age", number(text("f-max-age"), true), ap, "f-max-age");
    put(aud, "groups", words(text("f-groups")), ap, "f-groups");
    put(aud, "eligibility", text("f-eligibility"), ap, "f-eligibility");
    putTick(aud, "not_just_older_people", "f-not-just-older", ab, ap);
    a.audience = aud;
    dropIfEmpty(a, "audience", before);

    var cb = before.cost || {};
    var cost = clone(cb);
    var cp = path + "/cost";
    var kind = radio("f-cost-kind");
    state.fieldFor[cp] = "f-cost-kind";
    put(cost, "kind", kind, cp, "f-cost-kind");
    var priced = kind === "fixed" || kind === "concessions";
    put(cost, "amount", priced ? number(text("f-amount")) :
      (kind === "pay-what-you-can" && cb.kind === kind && cb.amount != null ? cb.amount : ""), cp, "f-amount");
    put(cost, "concession_amount", kind === "concessions" ? number(text("f-concession-amount")) : "", cp, "f-concession-amount");
    put(cost, "description", text("f-cost-description"), cp, "f-cost-description");
    a.cost = cost;

    var hb = before.how_to_go || {};
    var how = clone(hb);
    var hp = path + "/how_to_go";
    state.fieldFor[hp] = "f-access";
    put(how, "access", radio("f-access"), hp, "f-access");
    put(how, "referral_from", orderLike(hb.referral_from, checkedValues("f-referral")), hp, "f-referral");
    put(how, "how", text("f-how"), hp, "f-how");
    a.how_to_go = how;

    var capacity = radio("f-capacity");
    put(a, "capacity", capacity === "open" && !("capacity" in before) ? "" : capacity, path, "f-capacity");
    var status = radio("f-status");
    put(a, "status", status === "active" && !("status" in before) ? "" : status, path, "f-status");
    var languages = words(text("f-languages"));
    var plainEnglish = languages.length === 1 && languages[0] === "English";
    put(a, "languages", plainEnglish && !("languages" in before) ? "" : languages, path, "f-languages");
    put(a, "communication_support", text("f-communication"), path, "f-communication");

    var fb = before.first_visit || {};
    var fv = clone(fb);
    var fp = path + "/first_visit";
    putTick(fv, "bring_a_friend", "f-bring-friend", fb, fp);
    putTick(fv, "someone_meets_you", "f-meets-you", fb, fp);
    putTick(fv, "refreshments", "f-refreshments", fb, fp);
    put(fv, "notes", text("f-first-notes"), fp, "f-first-notes");
    a.first_visit = fv;
    dropIfEmpty(a, "first_visit", before);

    put(a, "phone", text("f-phone"), path, "f-phone");
    put(a, "on_the_day_phone", text("f-on-the-day-phone"), path, "f-on-the-day-phone");
    put(a, "email", text("f-email"), path, "f-email");
    put(a, "website", text("f-website"), path, "f-website");

    var schedules = [];
    var timed = radio("f-timed");
    state.fieldFor[path + "/schedules"] = "f-timed";
    if (timed === "yes") {
      Array.prototype.forEach.call($("wo-schedules").querySelectorAll(".wo-schedule"), function (fs, j) {
        schedules.push(readSchedule(fs, path + "/schedules/" + j));
      });
    }
    if (schedules.length || ("schedules" in before && timed === "no")) a.schedules = schedules;
    else delete a.schedules;

    a.where = readWhere(before.where, path + "/where");
    state.fieldFor[path + "/where"] = "f-where-kind";
    state.fieldFor[path + "/checked_by"] = "f-checked-by";
    state.fieldFor[path + "/last_checked"] = "f-checked-by";
    return a;
  }

  // -------------------------------------------------------------------------------------------
  // The listing the form describes, and the file it sends.

  function read() {
    state.fieldFor = {};
    var base = state.base;
    var listing = {};
    listing.organisation = readOrganisation(base.organisation || {});
    if (state.known) listing.organisation.name = state.known.name;  // as the directory has it
    var before = base.activities[0] || {};
    var a = readActivity(before, "/activities/0");
    var path = "/activities/0";
    if (state.mode === "new" || ticked("f-confirm")) {
      // A new listing, or someone said every answer is correct: that is a check.
      a.last_checked = today();
      put(a, "checked_by", text("f-checked-by"), path, "f-checked-by");
    } else {
      // Changes are recorded; the date they were last checked stays as it was.
      a.last_checked = before.last_checked;
      a.checked_by = before.checked_by;
    }
    listing.activities = [a];
    return listing;
  }

  // "Nothing has changed": the organisation's name, the activity's id and the new check.
  function readStillCorrect() {
    var a = state.base.activities[0];
    return {organisation: {name: state.base.organisation.name},
      activities: [{id: a.id, last_checked: today(), checked_by: text("f-still-name")}]};
  }

  function sentListing() {
    return state.nothingChanged ? readStillCorrect() : read();
  }

  // -------------------------------------------------------------------------------------------
  // Problems, worded for the person filling in the form: each field's own words.

  function labelOf(id) {
    var el = $(id);
    if (!el) return "";
    if (el.tagName === "FIELDSET") return el.querySelector("legend").textContent.trim();
    var label = document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/\(optional\)/, "").trim() : id;
  }

  function whatOf(id) {
    var el = $(id);
    return (el && el.getAttribute("data-what")) || labelOf(id).toLowerCase();
  }

  function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  // "(time 2)" after a schedule's field when there is more than one time.
  function timeOf(id) {
    var m = /^s(\d+)-/.exec(id || "");
    if (!m) return "";
    var all = Array.prototype.slice.call($("wo-schedules").querySelectorAll(".wo-schedule"));
    if (all.length < 2) return "";
    return " (time " + (all.indexOf($("s" + m[1])) + 1) + ")";
  }

  function message(problem, id) {
    return baseMessage(problem, id) + timeOf(id);
  }

  function baseMessage(problem, id) {
    if (problem.message) return problem.message;
    var key = problem.path.split("/").pop();
    var v = problem.value;
    var s = problem.schema || {};
    var label = labelOf(id) || key;
    var what = id ? whatOf(id) : key;
    if (problem.keyword === "required" || (problem.keyword === "minLength" && v === "")) {
      if (key === "categories") return "Choose at least one kind of activity";
      var el = id && $(id);
      if (el && (el.tagName === "FIELDSET" || el.tagName === "SELECT")) return "Choose " + what;
      return "Enter " + what;
    }
    if (problem.keyword === "minItems" && key === "categories") return "Choose at least one kind of activity";
    if (problem.keyword === "maxLength") return capital(what) + " must be " + s.maxLength + " characters or fewer. It has " + String(v).length;
    if (/phone|^number$/.test(key)) return "Enter " + what + " with the area code, like 0151 496 0123. \"" + v + "\" is not a UK phone number";
    if (key === "email") return "Enter " + what + " in full, like name@example.org. \"" + v + "\" is not an e-mail address";
    if (key === "website") return "Enter " + what + " in full, starting https://, like https://www.example.org. \"" + v + "\" is not a web address";
    if (key === "postcode") return "Enter " + what + " like L17 7AA. \"" + v + "\" is not a UK postcode";
    if (key === "start" || key === "end") return label + " " + v + " is not a time. Write it like 14:30";
    if (/^(dates|start_date|valid_from|valid_to|last_checked|\d+)$/.test(key)) return capital(what) + " \"" + v + "\" is not a date. Write it like 05/12/2026";
    if (/amount$/.test(key)) return capital(what) + " \"" + v + "\" is not a price. Write it in pounds, like 3.50";
    if (/age$|day_of_month/.test(key)) {
      var range = findRange(s);
      return capital(what) + " must be a whole number" + (range ? " from " + range[0] + " to " + range[1] : "");
    }
    return capital(what) + ": " + (s.description || "check this answer");
  }

  function findRange(s) {
    if (s.minimum != null) return [s.minimum, s.maximum];
    var found = null;
    (s.anyOf || []).forEach(function (b) { if (!found && b.minimum != null) found = [b.minimum, b.maximum]; });
    return found;
  }

  function fieldOf(path) {
    var p = path;
    while (p) {
      if (state.fieldFor[p]) return state.fieldFor[p];
      p = p.replace(/\/[^/]*$/, "");
    }
    return null;
  }

  function stepOf(id) {
    var el = id && $(id);
    var section = el && el.closest(".wo-step");
    return section ? section.getAttribute("data-step") : "you";
  }

  function problemsIn(listing) {
    if (state.nothingChanged) {
      return text("f-still-name") ? [] : [{path: "/still", message: "Enter your name, so we know who checked", field: "f-still-name"}];
    }
    var problems = WO.checkSchema(SCHEMA, listing).concat(WO.checkRules(listing));
    var a = listing.activities[0];
    if (state.mode === "new" && a.id && DATA.activity_ids.indexOf(a.id) >= 0) {
      problems.push({path: "/activities/0/id", message: "There is already an activity called " +
        text("f-name") + ". If it is yours, open its page and choose Update this activity. If not, give this one a different name"});
    }
    if (!radio("f-timed")) {
      problems.push({path: "/activities/0/schedules", message: "Choose whether it happens at set times"});
    }
    if (state.mode === "update" && !text("f-checked-by")) {
      problems.push({path: "/activities/0/checked_by", message: "Enter your name", field: "f-checked-by"});
    }
    return problems;
  }

  // [{id, text}] in the order the fields come on the page, one message a field.
  function worded(problems) {
    var shown = {};
    var items = [];
    problems.forEach(function (problem) {
      var id = problem.field || fieldOf(problem.path);
      var words = message(problem, id);
      if (shown[id || words]) return;
      shown[id || words] = true;
      items.push({id: id, text: words});
    });
    var order = Array.prototype.map.call(document.querySelectorAll("input, select, textarea, fieldset"), function (el) { return el.id; });
    items.sort(function (x, y) { return order.indexOf(x.id) - order.indexOf(y.id); });
    return items;
  }

  function setFieldError(id, words) {
    var el = $(id);
    if (!el) return;
    var group = $(id + "-group");
    var err = $(id + "-error");
    if (group) group.classList.toggle("wo-field--error", !!words);
    if (!err) return;
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
      return x && x !== id + "-error";
    });
    if (words) {
      err.innerHTML = "";
      var hidden = document.createElement("span");
      hidden.className = "wo-visually-hidden";
      hidden.textContent = "Error: ";
      err.appendChild(hidden);
      err.appendChild(document.createTextNode(words));
      err.hidden = false;
      described.push(id + "-error");
      if (el.tagName !== "FIELDSET") el.setAttribute("aria-invalid", "true");
    } else {
      err.hidden = true;
      err.textContent = "";
      el.removeAttribute("aria-invalid");
    }
    if (described.length) el.setAttribute("aria-describedby", described.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function clearErrors(section) {
    Array.prototype.forEach.call((section || document).querySelectorAll(".wo-error-message:not([hidden])"), function (e) {
      setFieldError(e.id.replace(/-error$/, ""), null);
    });
    $("wo-error-summary").hidden = true;
    $("wo-error-list").innerHTML = "";
  }

  function firstControl(id) {
    var el = $(id);
    if (el && el.tagName === "FIELDSET") return el.querySelector("input, select, textarea");
    return el;
  }

  function revealFor(el) {
    var node = el;
    while (node && node !== document.body) {
      if (node.tagName === "DETAILS") node.open = true;
      node = node.parentNode;
    }
  }

  function goToField(id) {
    var target = firstControl(id);
    if (!target) return;
    var step = stepOf(id);
    if (step !== state.step) showStep(step, {focus: false});
    revealFor(target);
    target.focus();
    target.scrollIntoView({block: "center"});
  }

  function showErrors(items, focus) {
    clearErrors();
    items.forEach(function (item) {
      if (item.id) setFieldError(item.id, item.text);
      var li = document.createElement("li");
      if (item.id && firstControl(item.id)) {
        var a = document.createElement("a");
        a.href = "#" + firstControl(item.id).id;
        a.textContent = item.text;
        a.addEventListener("click", function (event) { event.preventDefault(); goToField(item.id); });
        li.appendChild(a);
      } else {
        li.textContent = item.text;
      }
      $("wo-error-list").appendChild(li);
    });
    var summary = $("wo-error-summary");
    summary.hidden = !items.length;
    $("wo-error-summary-title").textContent = items.length === 1 ? "There is a problem" : "There are " + items.length + " problems";
    if (items.length && focus !== false) {
      summary.focus();
      summary.scrollIntoView({block: "start"});
    }
  }

  function stepProblems(step) {
    var items = worded(problemsIn(sentListing()));
    return step === "check" ? items : items.filter(function (item) { return stepOf(item.id) === step; });
  }

  // Checked as you leave each field: its own problem is shown (or cleared) at once.
  var touched = {};
  function fieldIdOf(el) {
    var fs = el.closest("fieldset.wo-fieldset[id]");
    if (fs && (el.type === "radio" || (el.type === "checkbox" && el.name === fs.id))) return fs.id;
    return el.id;
  }

  function onLeave(event) {
    var el = event.target;
    if (!el.matches || !el.matches("input, select, textarea") || !el.closest(".wo-step")) return;
    var id = fieldIdOf(el);
    var next = event.relatedTarget;
    if (next && id !== el.id && $(id).contains(next)) return;  // still inside the same question
    var item = worded(problemsIn(sentListing())).filter(function (x) { return x.id === id; })[0];
    var empty = item && /^(Enter|Choose) /.test(item.text);
    if (item && (!empty || touched[id])) setFieldError(id, item.text);
    else setFieldError(id, null);
    if (!$("wo-error-summary").hidden) showErrors(stepProblems(state.step), false);
  }

  // -------------------------------------------------------------------------------------------
  // Steps: one short question group at a time, with Back and Continue.

  function flow() {
    return STEPS.filter(function (s) {
      if (s === "still") return state.mode === "update";
      if (state.nothingChanged) return s === "still" || s === "check";
      return true;
    });
  }

  function showStep(name, options) {
    options = options || {};
    var steps = flow();
    if (steps.indexOf(name) < 0) name = steps[0];
    state.step = name;
    state.visited[name] = true;
    Array.prototype.forEach.call(document.querySelectorAll(".wo-step"), function (section) {
      section.hidden = section.getAttribute("data-step") !== name;
    });
    var questions = steps.filter(function (s) { return s !== "still" && s !== "check"; });
    var n = questions.indexOf(name);
    var count = $("step-" + name + "-count");
    if (count) count.textContent = n >= 0 ? "Step " + (n + 1) + " of " + questions.length : "";
    $("wo-back").hidden = steps.indexOf(name) <= 0;
    $("wo-intro").hidden = !(state.mode === "new" && name === steps[0]);
    $("wo-mode").hidden = !$("wo-mode").textContent || name !== (state.mode === "update" ? "group" : steps[0]);
    if (name === "check") showCheck();
    if (options.push !== false && window.history && history.pushState) {
      try { history[options.replace ? "replaceState" : "pushState"]({step: name}, "", "#" + name); } catch (e) { /* file:// in some browsers */ }
    }
    if (options.focus !== false) {
      var title = $("step-" + name + "-title");
      title.focus();
      window.scrollTo(0, 0);
    }
  }

  function next() {
    var steps = flow();
    var problems = stepProblems(state.step);
    if (problems.length) {
      showErrors(problems);
      return;
    }
    clearErrors();
    showStep(steps[steps.indexOf(state.step) + 1]);
  }

  function back() {
    var steps = flow();
    clearErrors();
    showStep(steps[Math.max(0, steps.indexOf(state.step) - 1)]);
  }

  // -------------------------------------------------------------------------------------------
  // Check your answers: every answer in plain words, with a Change link to its step.

  function visible(el, root) {
    for (var node = el; node && node !== root; node = node.parentNode) {
      if (node.hidden) return false;
    }
    return true;
  }

  function answerRows(section) {
    var rows = [];
    Array.prototype.forEach.call(section.querySelectorAll(".wo-field"), function (group) {
      if (!visible(group, section)) return;
      var schedule = group.closest(".wo-schedule");
      var prefix = schedule && $("wo-schedules").querySelectorAll(".wo-schedule").length > 1 ?
        schedule.querySelector("legend").textContent + ": " : "";
      var key, value, control;
      if (group.classList.contains("wo-choice")) {
        control = group.querySelector("input");
        if (!control.checked) return;
        key = group.querySelector("label").textContent;
        value = "Yes";
      } else if (group.querySelector("fieldset")) {
        var fs = group.querySelector("fieldset");
        var chosen = Array.prototype.filter.call(fs.querySelectorAll("input"), function (i) { return i.checked; });
        if (!chosen.length) return;
        key = fs.querySelector("legend").textContent;
        value = chosen.map(function (i) { return document.querySelector('label[for="' + i.id + '"]').textContent; }).join(", ");
        control = chosen[0];
      } else {
        control = group.querySelector("input, select, textarea");
        if (!control) return;
        value = control.tagName === "SELECT" ? (control.value ? control.options[control.selectedIndex].text : "") : control.value.trim();
        if (!value) return;
        if (/amount$/.test(control.id) && /^\d+(\.\d{1,2})?$/.test(value)) value = "£" + (+value).toFixed(2);
        key = labelOf(control.id);
      }
      rows.push({key: prefix + key.trim(), value: value, id: control.id});
    });
    return rows;
  }

  function summaryList(rows, step) {
    var dl = document.createElement("dl");
    dl.className = "wo-summary";
    rows.forEach(function (row) {
      var div = document.createElement("div");
      div.className = "wo-summary__row";
      var dt = document.createElement("dt");
      dt.className = "wo-summary__key";
      dt.textContent = row.key;
      var dd = document.createElement("dd");
      dd.className = "wo-summary__value";
      dd.textContent = row.value;
      var act = document.createElement("dd");
      act.className = "wo-summary__action";
      var a = document.createElement("a");
      a.href = "#" + step;
      a.appendChild(document.createTextNode("Change"));
      var hidden = document.createElement("span");
      hidden.className = "wo-visually-hidden";
      hidden.textContent = " " + row.key.toLowerCase();
      a.appendChild(hidden);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        showStep(step, {focus: false});
        var target = $(row.id);
        revealFor(target);
        target.focus();
      });
      act.appendChild(a);
      div.appendChild(dt);
      div.appendChild(dd);
      div.appendChild(act);
      dl.appendChild(div);
    });
    return dl;
  }

  function showCheck() {
    var holder = $("wo-summary");
    holder.innerHTML = "";
    var a = state.base.activities[0];
    if (state.nothingChanged) {
      $("wo-check-intro").textContent = "You are telling us that every detail of " + a.name +
        " is still correct today. We record today's date, " + longToday() + ", and your name.";
      holder.appendChild(summaryList([{key: "Your name", value: text("f-still-name"), id: "f-still-name"}], "still"));
    } else {
      $("wo-check-intro").textContent = "Read your answers. To change one, choose Change next to it.";
      flow().forEach(function (step) {
        if (step === "still" || step === "check") return;
        var section = $("step-" + step);
        var rows = answerRows(section);
        if (!rows.length) return;
        var h = document.createElement("h3");
        h.className = "wo-summary__title";
        h.textContent = $("step-" + step + "-title").textContent;
        holder.appendChild(h);
        holder.appendChild(summaryList(rows, step));
      });
    }
    $("wo-confirm-block").hidden = state.mode !== "update" || state.nothingChanged;
    renderResult();
  }

  // -------------------------------------------------------------------------------------------
  // Sending it

  function fileName(listing) {
    if (state.file) return state.file;
    if (state.known) return state.known.id + ".yml";
    return (slug((listing.organisation || {}).name || "") || "listing") + ".yml";
  }

  // GitHub pre-fills an issue form from the link, and links longer than about 8,000 characters
  // fail; the file is short (one activity), so it nearly always fits.
  var MAX_LINK = 7500;

  function githubLink(listing, yaml) {
    var repo = DATA.site.github_repository;
    if (!repo) return null;
    var a = listing.activities[0];
    var params = new URLSearchParams();
    var update = state.mode === "update";
    params.set("template", update ? DATA.templates.update : DATA.templates.new);
    params.set("title", (update ? "Update: " : "Add: ") + (a.name || state.base.activities[0].name));
    if (update) {
      params.set("activity_id", a.id);
    } else {
      params.set("organisation", listing.organisation.name);
      params.set("activity", a.name);
    }
    params.set("checked_by", state.nothingChanged ? text("f-still-name") : text("f-checked-by"));
    var base = "https://github.com/" + repo + "/issues/new?";
    var withYaml = new URLSearchParams(params);
    withYaml.set("listing_yaml", yaml);
    if ((base + withYaml.toString()).length <= MAX_LINK) return {href: base + withYaml.toString(), complete: true};
    return {href: base + params.toString(), complete: false};
  }

  function renderResult() {
    var problems = stepProblems("check");
    $("wo-result").hidden = !!problems.length;
    if (problems.length) {
      showErrors(problems);
      return;
    }
    var listing = sentListing();
    var yaml = WO.dumpYaml(listing, SCHEMA);
    var a = listing.activities[0];
    var name = fileName(listing);
    // A group that has a listing gets only its changes: named so that saving the download over
    // the group's file (which would lose its other activities) cannot happen by accident.
    var partial = state.mode === "update" || !!state.known;
    var downloadName = partial ? name.replace(/\.yml$/, "-changes.yml") : name;
    $("wo-yaml").textContent = yaml;
    var download = $("wo-download");
    download.href = "data:text/yaml;charset=utf-8," + encodeURIComponent(yaml);
    download.setAttribute("download", downloadName);
    $("wo-download-hint").textContent = partial ?
      "It holds only your changes; we add them to your group's listing. E-mail it" + (DATA.site.email ? " to " + DATA.site.email : "") + "." :
      "Then e-mail it" + (DATA.site.email ? " to " + DATA.site.email : "") + ".";
    var github = githubLink(listing, yaml);
    var gh = $("wo-send-github");
    gh.parentNode.hidden = !github;
    if (github) {
      gh.href = github.href;
      $("wo-github-hint").textContent = github.complete ?
        "If you have a GitHub account. It opens a form with your answers filled in." :
        "If you have a GitHub account. Your answers are too long to fill in for you: download the file first, then attach it to the form that opens.";
    }
    var mail = $("wo-send-email");
    mail.parentNode.hidden = !DATA.site.email;
    var title = a.name || state.base.activities[0].name;
    var subject = state.nothingChanged ? "Still correct: " + title :
      (state.mode === "update" ? "Update to " : "New listing: ") + title;
    var verb = state.mode === "update" || state.known ? "update" : "add";
    var body = "Please " + verb + " this listing (file " + name + "):\n\n" + yaml;
    mail.href = "mailto:" + (DATA.site.email || "") + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
    var result = $("wo-result");
    result.setAttribute("data-file", name);
    $("wo-copy-status").textContent = "";
  }

  function copyFile() {
    var yaml = $("wo-yaml").textContent;
    var done = function () { $("wo-copy-status").textContent = "Copied. You can paste it into an e-mail."; };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents($("wo-yaml"));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      $("wo-copy-status").textContent = ok ? "Copied. You can paste it into an e-mail." :
        "The file is selected: press Ctrl+C (or Cmd+C) to copy it.";
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(yaml).then(done, fallback);
    else fallback();
  }

  // -------------------------------------------------------------------------------------------
  // A group that already has a listing: the new activity is added to its file.

  function knownGroup() {
    if (state.mode !== "new") return;
    var wanted = slug(text("f-org-name"));
    state.known = null;
    (DATA.organisations || []).forEach(function (o) {
      if (wanted && slug(o.name) === wanted) state.known = o;
    });
    var note = $("wo-known-group");
    note.hidden = !state.known;
    note.textContent = state.known ? state.known.name + " already has a listing in the directory. " +
      "Your new activity will be added to it; the group's other activities stay as they are." : "";
  }

  // -------------------------------------------------------------------------------------------
  // Starting

  function revealCost() {
    var kind = radio("f-cost-kind");
    $("wo-cost-amounts").hidden = kind !== "fixed" && kind !== "concessions";
    $("wo-concession").hidden = kind !== "concessions";
  }

  function revealTimes() {
    var timed = radio("f-timed") === "yes";
    $("wo-times").hidden = !timed;
    if (timed && !$("wo-schedules").querySelector(".wo-schedule")) addSchedule(null);
  }

  function startNew() {
    state.mode = "new";
    state.base = {organisation: {}, activities: [{}]};
    state.file = null;
    setRadio("f-capacity", "open");
    setRadio("f-status", "active");
    setValue("f-languages", "English");
    revealWhere();
    revealTimes();
  }

  function startFrom(data, activityId) {
    var listing = data.listing;
    var index = (listing.activities || []).map(function (a) { return a.id; }).indexOf(activityId);
    if (index < 0) return startNew();
    state.mode = "update";
    state.base = {organisation: clone(listing.organisation), activities: [clone(listing.activities[index])]};
    state.file = data.file;
    fill(state.base, 0);
    revealCost();
    $("wo-status-block").hidden = false;
    var a = state.base.activities[0];
    $("wo-title").textContent = "Update: " + a.name;
    var mode = $("wo-mode");
    mode.textContent = "You are updating " + a.name + " (" + listing.organisation.name + ").";
    $("wo-still-note").textContent = "These details were last checked on " + longDate(a.last_checked) +
      (a.checked_by ? " by " + a.checked_by : "") + ".";
    setValue("f-still-name", a.checked_by);
    $("wo-today-note").textContent = "These details were last checked on " + longDate(a.last_checked) +
      (a.checked_by ? " by " + a.checked_by : "") + ". Tick the box if you have checked every answer: " +
      "we then record today's date, " + longToday() + ". If you do not tick it, we make your changes " +
      "and keep the date they were last checked.";
    document.title = "Update: " + a.name + " - " + document.title;
  }

  function notFound(activityId) {
    var mode = $("wo-mode");
    mode.textContent = "We could not find the activity " + activityId + ". You can add it as a new activity below.";
    startNew();
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function longToday() {
    var d = new Date();
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? (+m[3]) + " " + MONTHS[+m[2] - 1] + " " + m[1] : (iso || "");
  }

  function ready(kind) {
    var wanted = (window.location.hash || "").slice(1);
    showStep(state.visited[wanted] ? wanted : flow()[0], {replace: true, focus: false});
    document.body.setAttribute("data-form-ready", kind);
  }

  function init() {
    var form = $("wo-form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (state.step === "still") { state.nothingChanged = true; next(); return; }
      if (state.step !== "check") next();
    });
    form.addEventListener("focusout", onLeave);
    form.addEventListener("input", function (event) { if (event.target.id) touched[fieldIdOf(event.target)] = true; });
    form.addEventListener("change", function (event) {
      if (event.target.id) touched[fieldIdOf(event.target)] = true;
      if (event.target.id === "f-confirm") renderResult();
    });
    $("wo-back").addEventListener("click", back);
    $("wo-nothing-changed").addEventListener("click", function () { state.nothingChanged = true; next(); });
    $("wo-something-changed").addEventListener("click", function () {
      state.nothingChanged = false;
      clearErrors();
      showStep("group");
    });
    $("wo-copy").addEventListener("click", copyFile);
    $("wo-add-schedule").addEventListener("click", function () { addSchedule(null, true); });
    $("f-where-kind").addEventListener("change", revealWhere);
    $("f-timed").addEventListener("change", revealTimes);
    $("f-cost-kind").addEventListener("change", revealCost);
    $("f-org-name").addEventListener("change", knownGroup);
    window.addEventListener("popstate", function (event) {
      var step = event.state && event.state.step;
      if (step && flow().indexOf(step) >= 0) { clearErrors(); showStep(step, {push: false}); }
    });
    var wanted = new URLSearchParams(window.location.search).get("activity");
    if (wanted && ID_RE.test(wanted)) {
      var script = document.createElement("script");
      script.src = "listings/" + wanted + ".js";
      script.onload = function () { startFrom(window.WHATSON_LISTING, wanted); ready(state.mode); };
      script.onerror = function () { notFound(wanted); ready("new"); };
      document.head.appendChild(script);
    } else {
      startNew();
      ready("new");
    }
  }

  WO.form = {read: read, sentListing: sentListing, state: state, showStep: showStep, slug: slug,
    problems: function () { return worded(problemsIn(sentListing())); }};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
