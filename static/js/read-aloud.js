/*
 * read-aloud.js: play a pre-made clip and highlight each word as it is spoken.
 *
 * Progressive enhancement: without this script (or without audio support) nothing changes,
 * and the page must not depend on it. No frameworks, no external requests, no inline styles,
 * no innerHTML: words are wrapped by building nodes from the page's own text.
 *
 * Markup contract (rendered by the server):
 *
 *   <body data-speed="normal">                    "slow" picks the -slow URLs when a button has them
 *   <p id="q1-text">Je mag altijd stoppen.</p>    the spoken text
 *   <button type="button" hidden
 *           data-read-aloud
 *           aria-controls="q1-text"
 *           aria-pressed="false"
 *           data-audio-src="/audio/KEY.mp3"            MP3, same origin
 *           data-timings-src="/audio/KEY.json"         {"words": [[start, length, ms], ...], "duration_ms": n}
 *           data-audio-src-slow="/audio/KEY2.mp3"      optional; used only together with
 *           data-timings-src-slow="/audio/KEY2.json"   the matching slow timings
 *           data-error-target="q1-audio-error">        optional: id of a hidden, translated message
 *     Lees voor</button>
 *   <p id="q1-audio-error" hidden>...</p>
 *
 * A button may read several texts in turn (one "read aloud" per block: the question, then each
 * answer): aria-controls then lists the target ids, space-separated, and data-audio-src,
 * data-timings-src (and the optional slow pair) list one URL per target in the same order. The
 * clips play one after the other in the same audio element, and the words light up in each target
 * as its clip plays. A list whose length does not match aria-controls is not offered.
 *
 * - Render the button with `hidden`: the script shows it only where it can play audio, so a page
 *   without JavaScript never shows a button that does nothing.
 * - The text sent to the speech service must be exactly the target's textContent. Word offsets
 *   count Unicode code points from 0; the script maps them onto the target's text nodes (child
 *   elements such as <strong> are fine) and wraps each word in a plain <span> once, keeping the
 *   text content identical. If the offsets do not fit the text, audio plays without highlighting.
 * - While a clip plays, the span(s) of the current word carry the class `is-speaking-word`; the
 *   button has aria-pressed="true". Pressing it again stops; the end of the clip stops too.
 * - One clip plays at a time: starting another stops the first.
 * - Focus stays on the button. Nothing scrolls or animates: the highlight is a class switch, so
 *   prefers-reduced-motion is respected by construction. Keep transitions off .is-speaking-word.
 * - Auto-reading: when <body> has data-read-aloud-auto, the first shown button that has
 *   data-read-aloud-auto starts by itself once the page is ready. Browsers may refuse sound without
 *   a user gesture (Safari nearly always, Chromium on a first visit); then the button simply waits
 *   to be pressed, and no error is shown.
 * - User-facing text lives in the templates (translated there); this file has none.
 */
(function () {
  "use strict";

  var HIGHLIGHT = "is-speaking-word";
  var wrapped = new WeakMap(); // target element -> {signature, spans: Array<Array<HTMLSpanElement>>}
  var current = null; // {button, audio, words, spans, index, frame}

  function sameOrigin(src) {
    if (!src) {
      return null;
    }
    try {
      var url = new URL(src, document.baseURI);
      return url.origin === window.location.origin ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function list(button, name) {
    var value = (button.getAttribute(name) || "").trim();
    return value ? value.split(/\s+/) : [];
  }

  // The parts a button reads, in order: [{target, audio, timings}], or [] when the markup does not fit.
  function parts(button) {
    var slow = document.body && document.body.getAttribute("data-speed") === "slow";
    var targets = list(button, "aria-controls");
    var audio = list(button, "data-audio-src");
    var timings = list(button, "data-timings-src");
    var slowAudio = list(button, "data-audio-src-slow");
    var slowTimings = list(button, "data-timings-src-slow");
    if (slow && slowAudio.length === targets.length && slowTimings.length === targets.length) {
      audio = slowAudio;
      timings = slowTimings;
    }
    if (targets.length === 0 || audio.length !== targets.length) {
      return [];
    }
    var result = [];
    for (var i = 0; i < targets.length; i += 1) {
      var src = sameOrigin(audio[i]);
      if (!src) {
        return [];
      }
      result.push({
        target: targets[i],
        audio: src,
        timings: timings.length === targets.length ? sameOrigin(timings[i]) : null
      });
    }
    return result;
  }

  function validWords(data) {
    if (!data || !Array.isArray(data.words)) {
      return null;
    }
    var words = [];
    for (var i = 0; i < data.words.length; i += 1) {
      var word = data.words[i];
      if (
        !Array.isArray(word) || word.length !== 3 ||
        !word.every(function (n) { return Number.isInteger(n) && n >= 0; }) ||
        word[1] === 0 || (i > 0 && word[0] < words[i - 1][0] + words[i - 1][1])
      ) {
        return null;
      }
      words.push(word);
    }
    return words;
  }

  // utf16[k] is where code point k starts in the string; utf16[count] is its length.
  function codePointOffsets(text) {
    var offsets = [];
    var unit = 0;
    for (var char of text) {
      offsets.push(unit);
      unit += char.length;
    }
    offsets.push(unit);
    return offsets;
  }

  function unwrap(target, spans) {
    spans.forEach(function (parts) {
      parts.forEach(function (span) {
        if (span.parentNode) {
          span.replaceWith(document.createTextNode(span.textContent));
        }
      });
    });
    target.normalize();
  }

  function wrapWords(target, words) {
    var signature = words.map(function (w) { return w[0] + ":" + w[1]; }).join(",");
    var known = wrapped.get(target);
    if (known && known.signature === signature) {
      return known.spans;
    }
    if (known) {
      unwrap(target, known.spans);
    }
    var total = codePointOffsets(target.textContent).length - 1;
    var last = words[words.length - 1];
    if (!last || last[0] + last[1] > total) {
      return null; // the timings were made for another text
    }
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    var spans = words.map(function () { return []; });
    var base = 0;
    var w = 0;
    nodes.forEach(function (node) {
      var text = node.data;
      var units = codePointOffsets(text);
      var end = base + units.length - 1;
      while (w < words.length && words[w][0] + words[w][1] <= base) {
        w += 1;
      }
      var fragment = document.createDocumentFragment();
      var cursor = 0;
      var changed = false;
      while (w < words.length && words[w][0] < end) {
        var start = Math.max(words[w][0], base) - base;
        var stop = Math.min(words[w][0] + words[w][1], end) - base;
        if (start > cursor) {
          fragment.append(text.slice(units[cursor], units[start]));
        }
        var span = document.createElement("span");
        span.textContent = text.slice(units[start], units[stop]);
        fragment.append(span);
        spans[w].push(span);
        cursor = stop;
        changed = true;
        if (words[w][0] + words[w][1] > end) {
          break; // the word goes on in the next text node
        }
        w += 1;
      }
      if (changed) {
        if (cursor < units.length - 1) {
          fragment.append(text.slice(units[cursor]));
        }
        node.replaceWith(fragment);
      }
      base = end;
    });
    wrapped.set(target, { signature: signature, spans: spans });
    return spans;
  }

  function mark(index) {
    if (!current || !current.spans || index === current.index) {
      return;
    }
    if (current.index >= 0) {
      current.spans[current.index].forEach(function (span) { span.classList.remove(HIGHLIGHT); });
    }
    if (index >= 0) {
      current.spans[index].forEach(function (span) { span.classList.add(HIGHLIGHT); });
    }
    current.index = index;
  }

  function wordAt(words, ms) {
    var low = 0;
    var high = words.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (words[middle][2] <= ms) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  function follow() {
    if (!current) {
      return;
    }
    if (current.words && current.spans) {
      mark(wordAt(current.words, current.audio.currentTime * 1000));
    }
    if (!current.audio.paused && !current.audio.ended) {
      current.frame = window.requestAnimationFrame(follow);
    }
  }

  function stop() {
    if (!current) {
      return;
    }
    var playing = current;
    mark(-1);
    current = null;
    window.cancelAnimationFrame(playing.frame);
    playing.audio.pause();
    playing.audio.removeAttribute("src");
    playing.audio.load(); // drops the download
    playing.button.setAttribute("aria-pressed", "false");
  }

  function fail(state) {
    var button = state.button;
    if (current === state) {
      stop();
    }
    var id = button.getAttribute("data-error-target");
    var message = id ? document.getElementById(id) : null;
    if (message) {
      message.hidden = false;
    }
  }

  // Play part number `index` of the current button's parts in the same audio element.
  function playPart(state, index, auto) {
    var part = state.parts[index];
    mark(-1);
    state.part = index;
    state.words = null;
    state.spans = null;
    state.index = -1;
    state.audio.src = part.audio;
    var playing = state.audio.play();
    if (playing && typeof playing.catch === "function") {
      playing.catch(function (error) {
        if (current !== state || state.part !== index) {
          return;
        }
        if (error && error.name === "AbortError") {
          return; // a newer src replaced this one
        }
        if (auto && error && error.name === "NotAllowedError") {
          stop(); // autoplay was blocked: not a failure, the button still works
        } else {
          fail(state);
        }
      });
    }
    var target = document.getElementById(part.target);
    if (target && part.timings && window.fetch) {
      window.fetch(part.timings, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          var words = validWords(data);
          if (current !== state || state.part !== index || !words || words.length === 0) {
            return;
          }
          var spans = wrapWords(target, words);
          if (spans) {
            state.words = words;
            state.spans = spans;
          }
        })
        .catch(function () { /* no timings: the audio still plays, without highlighting */ });
    }
  }

  function start(button, auto) {
    var list = parts(button);
    if (list.length === 0) {
      return;
    }
    var audio = new Audio();
    var state = {
      button: button, audio: audio, parts: list, part: 0, words: null, spans: null, index: -1, frame: 0
    };
    current = state;
    button.setAttribute("aria-pressed", "true");
    audio.preload = "auto";
    audio.addEventListener("playing", function () {
      if (current === state) {
        window.cancelAnimationFrame(state.frame);
        follow();
      }
    });
    audio.addEventListener("ended", function () {
      if (current !== state) {
        return;
      }
      if (state.part + 1 < state.parts.length) {
        playPart(state, state.part + 1, false);
      } else {
        stop();
      }
    });
    audio.addEventListener("error", function () {
      if (current === state && audio.getAttribute("src")) {
        fail(state);
      }
    });
    playPart(state, 0, auto);
  }

  function toggle(event) {
    var button = event.currentTarget;
    var wasPlaying = current && current.button === button;
    stop();
    if (!wasPlaying) {
      start(button);
    }
  }

  function init() {
    if (typeof window.Audio !== "function" || !new Audio().canPlayType("audio/mpeg")) {
      return;
    }
    var buttons = document.querySelectorAll("button[data-read-aloud]");
    var autoButton = null;
    var autoOn = document.body && document.body.hasAttribute("data-read-aloud-auto");
    Array.prototype.forEach.call(buttons, function (button) {
      if (parts(button).length === 0) {
        return;
      }
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", toggle);
      button.hidden = false;
      if (autoOn && !autoButton && button.hasAttribute("data-read-aloud-auto")) {
        autoButton = button;
      }
    });
    window.addEventListener("pagehide", stop);
    if (autoButton) {
      start(autoButton, true);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
