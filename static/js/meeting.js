// The meeting view: step through the prompt with the keyboard. Arrow keys and Page Up/Down
// (what presentation clickers send) follow the Previous/Next links; Home goes to the start.
// Without this script the links work on their own; with htmx they swap only the slide.
(function () {
  "use strict";
  var KEYS = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "first" };
  var KINDS = ["next", "prev", "first"];

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var kind = KEYS[event.key];
    var link = kind && document.querySelector("[data-meeting-" + kind + "]");
    if (!link) return;
    event.preventDefault();
    link.click();
  });

  // The swap replaced the link that had focus: give focus to the same kind of link on the
  // new slide, or to the slide's heading when there is none (the first or the last step).
  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail || {};
    if (!detail.target || detail.target.id !== "slide") return;
    var origin = detail.requestConfig && detail.requestConfig.elt;
    var focus = null;
    KINDS.forEach(function (kind) {
      if (!focus && origin && origin.hasAttribute && origin.hasAttribute("data-meeting-" + kind)) {
        focus = kind === "first" ? null : document.querySelector("#slide [data-meeting-" + kind + "]");
      }
    });
    focus = focus || document.getElementById("slide-heading");
    if (focus) focus.focus();
  });
})();
