// The check page, after an in-page update (a scan result arriving, a comment saved, a file
// removed): keyboard focus stays where it was. htmx replaces a file's row with a new copy, so
// the focused control is found again by its id; when the row is gone (removed), focus moves to
// the heading that says how many files are left, so the reader hears the new count.
(function () {
  "use strict";

  var focusedId = null;

  function restore() {
    if (!focusedId) {
      return;
    }
    var element = document.getElementById(focusedId) || document.getElementById("files-heading");
    focusedId = null;
    if (element && document.activeElement !== element) {
      element.focus();
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    focusedId = null;
    if (active && active !== document.body && target && target.contains(active)) {
      focusedId = active.id || "files-heading";
      // A removed row takes its events with it (they no longer reach the document), so the
      // focus is also put back once the swap and its settling are done.
      window.setTimeout(restore, 100);
    }
  });

  document.addEventListener("htmx:afterSettle", restore);
})();
