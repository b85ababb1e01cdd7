// Client screens, progressive enhancement only.
// The quick-exit link replaces the current history entry, so Back does not bring the question back.
(function () {
  "use strict";
  var exit = document.querySelector(".quick-exit");
  if (exit) {
    exit.addEventListener("click", function (event) {
      event.preventDefault();
      window.location.replace(exit.href);
    });
  }
  // After an error or on "I don't understand", move focus to the message so it is read out first.
  var focusTarget = document.getElementById("answer-error") || document.getElementById("explanation");
  if (focusTarget) { focusTarget.focus(); }
})();
