/*
 * print-button.js: show the page's print buttons and let them open the browser's print dialog.
 * Progressive enhancement: the buttons are rendered with `hidden`, so without JavaScript there is
 * no button that does nothing (the browser's own print still works). No inline handlers (CSP).
 */
(function () {
  "use strict";
  if (typeof window.print !== "function") {
    return;
  }
  var buttons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () {
      window.print();
    });
  }
})();
