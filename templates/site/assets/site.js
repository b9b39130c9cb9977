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
