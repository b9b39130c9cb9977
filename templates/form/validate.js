/* Checks a listing in the browser.
 *
 * 1. checkSchema: a small JSON Schema walker for the keywords schema/listing.schema.json uses
 *    ($ref, anyOf, oneOf, type, properties, required, additionalProperties, items, enum, const,
 *    pattern, minLength, maxLength, minimum, maximum, minItems, maxItems, format: date).
 *    generator/webform.py refuses to build the form if the schema uses any other keyword.
 * 2. checkRules: what the schema cannot say, worded like generator/formats.py
 *    (a schedule that cannot happen, a cost with no price, ages the wrong way round).
 * Each problem is {path: "/activities/0/schedules/0/end", keyword, schema, value, message?}.
 */
(function () {
  "use strict";

  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
  }

  function typeMatches(type, value) {
    var actual = typeOf(value);
    var types = Array.isArray(type) ? type : [type];
    return types.some(function (t) {
      return t === actual || (t === "number" && actual === "integer");
    });
  }

  function realDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function resolve(root, node) {
    var seen = 0;
    while (node && node.$ref) {
      var parts = node.$ref.replace(/^#\//, "").split("/");
      var merged = root;
      parts.forEach(function (p) { merged = merged[p]; });
      // Keep the annotations written beside a $ref (e.g. a description).
      node = Object.assign({}, merged, Object.fromEntries(Object.entries(node).filter(function (kv) {
        return kv[0] !== "$ref";
      })));
      if (++seen > 50) throw new Error("$ref loop in schema");
    }
    return node;
  }

  function walk(root, node, value, path, out) {
    node = resolve(root, node);
    var before = out.length;
    if (node.anyOf || node.oneOf) {
      var branches = node.anyOf || node.oneOf;
      var best = null;
      for (var i = 0; i < branches.length; i++) {
        var trial = [];
        walk(root, branches[i], value, path, trial);
        if (!trial.length) { best = null; break; }
        var branch = resolve(root, branches[i]);
        // Report the errors of the branch whose type fits the value (e.g. the string branch).
        if (!best || (branch.type && typeMatches(branch.type, value) && !best.fits)) {
          best = {errors: trial, fits: !!(branch.type && typeMatches(branch.type, value))};
        }
      }
      if (best) Array.prototype.push.apply(out, best.errors);
    }
    if (node.type && !typeMatches(node.type, value)) {
      out.push({path: path, keyword: "type", schema: node, value: value});
      return;
    }
    if (node.enum && node.enum.indexOf(value) < 0) out.push({path: path, keyword: "enum", schema: node, value: value});
    if ("const" in node && node.const !== value) out.push({path: path, keyword: "const", schema: node, value: value});
    if (typeof value === "string") {
      if (node.minLength != null && value.length < node.minLength) out.push({path: path, keyword: "minLength", schema: node, value: value});
      else if (node.maxLength != null && value.length > node.maxLength) out.push({path: path, keyword: "maxLength", schema: node, value: value});
      else if (node.pattern && !new RegExp(node.pattern).test(value)) out.push({path: path, keyword: "pattern", schema: node, value: value});
      else if (node.format === "date" && !realDate(value)) out.push({path: path, keyword: "format", schema: node, value: value});
    }
    if (typeof value === "number") {
      if (node.minimum != null && value < node.minimum) out.push({path: path, keyword: "minimum", schema: node, value: value});
      if (node.maximum != null && value > node.maximum) out.push({path: path, keyword: "maximum", schema: node, value: value});
    }
    if (Array.isArray(value)) {
      if (node.minItems != null && value.length < node.minItems) out.push({path: path, keyword: "minItems", schema: node, value: value});
      if (node.maxItems != null && value.length > node.maxItems) out.push({path: path, keyword: "maxItems", schema: node, value: value});
      if (node.items) value.forEach(function (item, i) { walk(root, node.items, item, path + "/" + i, out); });
    }
    if (typeOf(value) === "object") {
      var props = node.properties || {};
      (node.required || []).forEach(function (key) {
        if (!(key in value)) out.push({path: path + "/" + key, keyword: "required", schema: props[key] ? resolve(root, props[key]) : {}, value: undefined});
      });
      Object.keys(value).forEach(function (key) {
        if (props[key]) walk(root, props[key], value[key], path + "/" + key, out);
        else if (node.additionalProperties === false) out.push({path: path + "/" + key, keyword: "additionalProperties", schema: {}, value: value[key]});
      });
    }
    return out.length === before;
  }

  function checkSchema(schema, value) {
    var out = [];
    walk(schema, schema, value, "", out);
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Rules the schema cannot express (generator/formats.py check_schedule, model validators).

  var DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

  function minutes(t) {
    var m = /^(\d{1,2})[:.](\d{2})$/.exec(t || "");
    return m ? (+m[1]) * 60 + (+m[2]) : null;
  }

  function title(word) { return word.charAt(0).toUpperCase() + word.slice(1); }

  function longDate(iso) {
    var p = iso.split("-");
    return +p[2] + "/" + p[1] + "/" + p[0];
  }

  function scheduleRules(s, path, out) {
    var freq = s.frequency;
    var start = minutes(s.start), end = minutes(s.end);
    if (start != null && end != null && end <= start) {
      out.push({path: path + "/end", message: "It ends at " + s.end + ", which is not after it starts at " + s.start + ". Check the times (24-hour clock: 2pm is 14:00)"});
    }
    if (s.valid_from && s.valid_to && realDate(s.valid_from) && realDate(s.valid_to) && s.valid_to < s.valid_from) {
      out.push({path: path + "/valid_to", message: "The last date is before the first date. Check the dates"});
    }
    var days = s.days || [], weeks = s.weeks || [];
    if (freq === "once") {
      if (!(s.dates || []).length) out.push({path: path + "/dates", message: "Enter the date, like 05/12/2026"});
      return;
    }
    if (freq === "monthly") {
      if (s.day_of_month == null && (!days.length || !weeks.length)) {
        if (!weeks.length) out.push({path: path + "/weeks", message: "Choose which week of the month, like the first"});
        if (!days.length) out.push({path: path + "/days", message: "Choose the day it happens"});
      }
      return;
    }
    if (!days.length) {
      out.push({path: path + "/days", message: "Choose the day or days it happens"});
      return;
    }
    if (freq === "fortnightly") {
      if (!s.start_date) {
        out.push({path: path + "/start_date", message: "Enter the date of one session, so we know which weeks it runs"});
      } else if (realDate(s.start_date)) {
        var p = s.start_date.split("-");
        var day = DAY_NAMES[new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])).getUTCDay()];
        if (days.indexOf(day) < 0) {
          out.push({path: path + "/start_date", message: longDate(s.start_date) + " is a " + title(day) + ", but the days are " + days.map(title).join(", ") + ". Give the date of one real session"});
        }
      }
    }
  }

  function checkRules(listing) {
    var out = [];
    (listing.activities || []).forEach(function (a, i) {
      var at = "/activities/" + i;
      (a.schedules || []).forEach(function (s, j) { scheduleRules(s, at + "/schedules/" + j, out); });
      var cost = a.cost || {};
      if ((cost.kind === "fixed" || cost.kind === "concessions") && cost.amount == null) {
        out.push({path: at + "/cost/amount", message: "Enter the price in pounds, like 3.50"});
      }
      if (cost.kind === "concessions" && cost.concession_amount == null) {
        out.push({path: at + "/cost/concession_amount", message: "Enter the lower price in pounds, like 2.00"});
      }
      var aud = a.audience || {};
      if (typeof aud.min_age === "number" && typeof aud.max_age === "number" && aud.max_age < aud.min_age) {
        out.push({path: at + "/audience/max_age", message: "The oldest age is below the youngest age"});
      }
      var w = a.where || {};
      if (w.venue == null && !w.online && !w.by_phone && !w.home_visits) {
        out.push({path: at + "/where/venue", message: "Say where it happens: choose a venue, or tick online, by phone or home visits"});
      }
    });
    ((listing.organisation || {}).maintainers || []).forEach(function (m, i) {
      if (!m.email && !m.github) out.push({path: "/organisation/maintainers/" + i + "/email", message: "Give an e-mail address so we can remind this person"});
    });
    return out;
  }

  window.WO = window.WO || {};
  window.WO.checkSchema = checkSchema;
  window.WO.checkRules = checkRules;
  window.WO.realDate = realDate;
})();
