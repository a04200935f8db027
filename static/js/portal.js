// Small progressive enhancements on top of htmx. Everything works without this file.
(function () {
  "use strict";
  // After htmx swaps in a new step, move keyboard and screen-reader focus to its heading
  // (or to the error summary when there is one), as a full page load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    // After an outerHTML swap the old target has left the page: look in <main> instead.
    var root = event.detail.target;
    if (!root || !root.isConnected || !root.querySelector) { root = document.getElementById("main"); }
    if (!root) { return; }
    var target = root.querySelector(".error-summary") || root.querySelector("[tabindex='-1'].step-title");
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
    }
  });

  // Quick exit: leave for the neutral address and replace this page in the history, so the
  // back button does not bring it back. Escape pressed twice within a second does the same.
  function quickExit(link) { window.location.replace(link.href); }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (link) { event.preventDefault(); quickExit(link); }
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var link = document.querySelector("a[data-quick-exit]");
    if (!link) { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { quickExit(link); }
    lastEscape = now;
  });
  // A print button for pages meant to be printed (hidden without JavaScript).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
