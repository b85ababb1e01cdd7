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
  // Several-choice screens: "I don't know" and "I'd rather not say" go alone. Ticking one of them unticks the
  // answers of the question, and ticking an answer unticks them; only Ready sends the choice. Without this
  // script the server says the same in words.
  var checks = document.querySelectorAll("input[data-answer-group]");
  Array.prototype.forEach.call(checks, function (box) {
    box.addEventListener("change", function () {
      if (!box.checked) { return; }
      Array.prototype.forEach.call(checks, function (other) {
        var alone = box.getAttribute("data-answer-group") === "fixed" || other.getAttribute("data-answer-group") === "fixed";
        if (other !== box && alone) { other.checked = false; }
      });
    });
  });
  // After an error or on "I don't understand", move focus to the message so it is read out first.
  var focusTarget = document.getElementById("answer-error") || document.getElementById("explanation");
  if (focusTarget) { focusTarget.focus(); }
})();
