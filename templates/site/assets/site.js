/* What's On: small helpers on every page. Nothing here talks to another web site. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/assets\/site\.js(\?.*)?$/, "") : "";
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol) && root) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(root + "sw.js").catch(function () {});
    });
  }
  // The side menu: a real button opens it; while it is closed on a narrow screen it is `inert`,
  // so Tab never lands on its links off screen. Escape closes it and gives focus back.
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var menuButton = document.querySelector("[data-wo-menu]");
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  function syncMenu() {
    if (!drawer || !menu || !menuButton) return;
    var usable = !menu.hidden && narrow.matches, open = usable && drawer.checked;
    menuButton.hidden = !usable;
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    menu.inert = usable && !open;
    if (!usable && drawer.checked) drawer.click();
  }
  if (drawer && menu && menuButton) {
    menu.id = menu.id || "wo-menu";
    menuButton.addEventListener("click", function () {
      drawer.click();
      syncMenu();
      if (drawer.checked) {
        var first = menu.querySelector("a[href], button");
        if (first) first.focus();
      }
    });
    drawer.addEventListener("change", syncMenu);
    if (narrow.addEventListener) narrow.addEventListener("change", syncMenu); else narrow.addListener(syncMenu);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { drawer.click(); syncMenu(); menuButton.focus(); }
    });
    syncMenu();
  }
  // The colour scheme: the visible button picks the next of Material's (untabbable) radios.
  document.querySelectorAll("[data-wo-scheme]").forEach(function (button) {
    button.addEventListener("click", function () {
      var next = document.getElementById(button.getAttribute("data-wo-scheme"));
      if (!next) return;
      next.click();
      setTimeout(function () {
        var shown = document.querySelector("[data-wo-scheme]:not([hidden])");
        if (shown) shown.focus();
      }, 50);
    });
    // Material's own Enter handler on the form would move focus to a hidden radio.
    button.addEventListener("keydown", function (event) { if (event.key === "Enter") event.stopPropagation(); });
  });
  // Every printout is headed with the date it was printed and where it came from.
  var content = document.querySelector(".md-content__inner");
  if (content) {
    var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"];
    var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    var d = new Date(), head = document.createElement("p");
    head.className = "wo-print-only wo-printed";
    head.textContent = "Printed on " + DAYS[d.getDay()] + " " + d.getDate() + " " + MONTHS[d.getMonth()] + " " +
      d.getFullYear() + " from " + (document.querySelector("meta[name=wo-site]") || { content: document.title }).content +
      ". Ring before you go: details can change.";
    content.insertBefore(head, content.firstChild);
  }
  // An activity's next date: the page lists the next few (worded at build time); a saved or
  // offline copy shows the first that is not past on this device, or none.
  document.querySelectorAll("[data-wo-next]").forEach(function (dd) {
    var now = new Date(), today = Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 864e5);
    var found = null;
    try { JSON.parse(dd.getAttribute("data-wo-next")).some(function (d) { if (d[0] >= today) { found = d[1]; return true; } return false; }); }
    catch (e) { return; }
    if (found) dd.textContent = found;
    else { dd.hidden = true; if (dd.previousElementSibling) dd.previousElementSibling.hidden = true; }
  });
  // The text message names the next session: on a later day, the one for the next session still
  // to come (worked out at build time for each of the next few).
  var now = new Date(), today = Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 864e5);
  Array.prototype.forEach.call(document.querySelectorAll("[data-wo-until]"), function (e) {
    if (+e.getAttribute("data-wo-until") < today) e.hidden = true;  // a date now past
  });
  Array.prototype.forEach.call(document.querySelectorAll(".wo-sms-ahead"), function (list) {
    var box = document.getElementById(list.getAttribute("data-for"));
    var items = list.querySelectorAll("li");
    for (var i = 0; box && i < items.length; i++) {
      if (+items[i].getAttribute("data-wo-day") >= today) {
        if (box.value !== items[i].textContent) {
          box.value = items[i].textContent;
          var label = document.querySelector('label[for="' + box.id + '"]');
          if (label) label.textContent = label.textContent.replace(/\(\d+ of/, "(" + items[i].getAttribute("data-length") + " of");
        }
        return;
      }
    }
  });
  document.addEventListener("click", function (event) {
    var copy = event.target.closest && event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      var status = copy.parentNode.querySelector(".wo-copied");
      var done = function () { if (status) status.textContent = "Copied. Paste it into your text message."; };
      field.focus(); field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else { document.execCommand("copy"); done(); }
      return;
    }
    var print = event.target.closest && event.target.closest("[data-print]");
    if (print) { event.preventDefault(); window.print(); }
  });
})();
