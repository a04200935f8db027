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
})();
