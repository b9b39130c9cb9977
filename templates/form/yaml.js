/* Writes a listing as YAML, laid out like the hand-written files in listings/.
 *
 * Keys follow the schema's order; short lists of words are written [like, this]; text that YAML
 * could misread (true, 10:00, "a: b", a leading dash) is quoted; several lines use a | block.
 * The loader (generator/yaml_load.py) reads what this writes back to the same values.
 */
(function () {
  "use strict";

  var RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
  var NUMBERISH = /^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/;

  // Can `text` be written without quotes (in a [flow, list] when `flow`)?
  function needsQuotes(text, flow) {
    return text === "" || !/^[A-Za-z0-9£(]/.test(text) || /\s$/.test(text) || /\n/.test(text) ||
      /: |:$| #|\t/.test(text) || RESERVED.test(text) || NUMBERISH.test(text) ||
      (flow && /[,\[\]{}]/.test(text)) || /[\u0000-\u001f"\\]/.test(text);
  }

  function scalar(value, flow) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    var text = String(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    if (/^([01]?\d|2[0-3]):[0-5]\d$/.test(text)) return text;
    return needsQuotes(text, flow) ? JSON.stringify(text) : text;
  }

  function resolve(root, node) {
    while (node && node.$ref) {
      var target = root;
      node.$ref.replace(/^#\//, "").split("/").forEach(function (p) { target = target[p]; });
      node = target;
    }
    return node || {};
  }

  // The schema node that describes an object value (through anyOf / oneOf).
  function objectSchema(root, node) {
    node = resolve(root, node);
    if (node.properties) return node;
    var branches = node.anyOf || node.oneOf || [];
    for (var i = 0; i < branches.length; i++) {
      var found = objectSchema(root, branches[i]);
      if (found.properties) return found;
    }
    return {};
  }

  function itemSchema(root, node) {
    node = resolve(root, node);
    if (node.items) return node.items;
    var branches = node.anyOf || node.oneOf || [];
    for (var i = 0; i < branches.length; i++) {
      var found = itemSchema(root, branches[i]);
      if (found) return found;
    }
    return null;
  }

  function orderedKeys(value, schema) {
    var keys = Object.keys(value);
    var order = Object.keys(schema.properties || {});
    return keys.sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
    });
  }

  function isFlowList(list) {
    if (!list.length) return true;
    var flat = list.every(function (v) {
      return (typeof v === "string" && !needsQuotes(v, true) && v.length < 40) ||
        typeof v === "number";
    });
    return flat && list.join(", ").length < 70;
  }

  function block(text, indent) {
    var pad = new Array(indent + 1).join(" ");
    var lines = text.replace(/\s+$/, "").split("\n");
    return "|\n" + lines.map(function (l) { return l.replace(/\s+$/, "") ? pad + l.replace(/\s+$/, "") : ""; }).join("\n");
  }

  function canBlock(text) {
    return /\n/.test(text.trim()) && !/^\s/.test(text) && !/[\u0000-\u0008\u000b-\u001f]/.test(text);
  }

  function emit(value, schema, root, indent, out) {
    var pad = new Array(indent + 1).join(" ");
    orderedKeys(value, objectSchema(root, schema)).forEach(function (key) {
      var v = value[key];
      var propSchema = (objectSchema(root, schema).properties || {})[key] || {};
      if (v === undefined) return;
      if (Array.isArray(v)) {
        if (isFlowList(v)) {
          out.push(pad + key + ": [" + v.map(function (x) { return scalar(x, true); }).join(", ") + "]");
          return;
        }
        out.push(pad + key + ":");
        var item = itemSchema(root, propSchema) || {};
        v.forEach(function (entry) {
          if (entry && typeof entry === "object") {
            var inner = [];
            emit(entry, item, root, indent + 4, inner);
            if (!inner.length) { out.push(pad + "  - {}"); return; }
            out.push(pad + "  - " + inner[0].slice(indent + 4));
            Array.prototype.push.apply(out, inner.slice(1));
          } else {
            out.push(pad + "  - " + scalar(entry));
          }
        });
        return;
      }
      if (v && typeof v === "object") {
        var sub = [];
        emit(v, propSchema, root, indent + 2, sub);
        if (!sub.length) { out.push(pad + key + ": {}"); return; }
        out.push(pad + key + ":");
        Array.prototype.push.apply(out, sub);
        return;
      }
      if (typeof v === "string" && canBlock(v)) {
        out.push(pad + key + ": " + block(v, indent + 2));
        return;
      }
      out.push(pad + key + ": " + scalar(v));
    });
  }

  function dump(listing, schema) {
    var out = [];
    emit(listing, schema, schema, 0, out);
    // No "# yaml-language-server" line: the volunteer sees this file; the merge (and the issue
    // route) add it to a new listing file.
    return out.join("\n") + "\n";
  }

  window.WO = window.WO || {};
  window.WO.dumpYaml = dump;
  window.WO.yamlScalar = scalar;
})();
