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

  // Quick exit: hide the page at once, have the server end what this browser holds (signed in,
  // a report or record opened by its code, a report being written), then leave for the neutral
  // address, replacing this page in the history so that Back does not bring it back. Without
  // this script the form does the same by a plain post. Escape pressed twice within a second
  // does the same as the button.
  var leaving = false;
  function quickExit(form) {
    if (leaving) { return; }
    leaving = true;
    document.documentElement.classList.add("quick-exit-leaving");
    var target = form.getAttribute("data-quick-exit");
    var go = function () { window.location.replace(target); };
    var timer = window.setTimeout(go, 2000);  // leaving matters more than waiting for the server
    window.fetch(form.action, {
      method: "POST", credentials: "same-origin", keepalive: true, headers: {"X-Quick-Exit": "1"}
    }).then(function () { window.clearTimeout(timer); go(); }, function () { window.clearTimeout(timer); go(); });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form[data-quick-exit]");
    if (form) { event.preventDefault(); quickExit(form); }
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var form = document.querySelector("form[data-quick-exit]");
    if (!form) { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { quickExit(form); }
    lastEscape = now;
  });
  // A print button for pages meant to be printed (hidden without JavaScript).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
