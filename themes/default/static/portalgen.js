/* portalgen: optional enhancements. Everything works without this script. */
(function () {
  "use strict";
  var root = document.documentElement;
  var each = function (selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); };
  var store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  };
  root.classList.add("pg-js");

  // Browsers that cannot style a closed <details> open the menu and filters on wide screens.
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (!styled && window.matchMedia) {
    each(".pg-nav__menu", function (menu) { if (matchMedia("(min-width: 48rem)").matches) { menu.open = true; } });
    each(".pg-grid__side > .pg-disclosure", function (box) { if (matchMedia("(min-width: 60rem)").matches) { box.open = true; } });
  }

  // Text size and high contrast, remembered on this device.
  var size = Math.max(0, Math.min(3, parseInt(store.get("pg-size") || "0", 10) || 0));
  var contrast = store.get("pg-contrast") === "1";
  var apply = function () {
    root.classList.remove("pg-size-1", "pg-size-2", "pg-size-3");
    if (size) { root.classList.add("pg-size-" + size); }
    root.classList.toggle("pg-contrast", contrast);
    each("[data-pg-contrast]", function (b) { b.setAttribute("aria-pressed", contrast ? "true" : "false"); });
  };
  apply();
  each("[data-pg-size]", function (button) {
    button.addEventListener("click", function () {
      size = Math.max(0, Math.min(3, size + parseInt(button.getAttribute("data-pg-size"), 10)));
      store.set("pg-size", String(size));
      apply();
    });
  });
  each("[data-pg-contrast]", function (button) {
    button.addEventListener("click", function () { contrast = !contrast; store.set("pg-contrast", contrast ? "1" : "0"); apply(); });
  });
  each(".pg-tools", function (tools) { tools.classList.add("pg-ready"); });

  // A menu group's list closes with Escape, on a click elsewhere, and when another group opens.
  var groups = document.querySelectorAll(".pg-nav__sub");
  var closeGroups = function (except) {
    Array.prototype.forEach.call(groups, function (group) { if (group !== except) { group.open = false; } });
  };
  Array.prototype.forEach.call(groups, function (group) {
    // On the summary's click (a tap, Enter or Space), before the group opens: a toggle event comes
    // later and could close a group opened after it.
    group.querySelector("summary").addEventListener("click", function () { if (!group.open) { closeGroups(group); } });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest(".pg-nav__sub")) { closeGroups(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    Array.prototype.forEach.call(groups, function (group) {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });

  // Print (or save as PDF) buttons.
  each(".pg-print", function (button) {
    button.classList.add("pg-ready");
    button.addEventListener("click", function () { window.print(); });
  });

  // Read aloud with the browser's own voices; the button shows only when a voice speaks the page's language.
  var speech = window.speechSynthesis;
  var lang = (root.lang || "vi").toLowerCase();
  var voiceFor = function () {
    var voices = speech ? speech.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").split("-")[0] === lang) { return voices[i]; }
    }
    return null;
  };
  var speakButtons = document.querySelectorAll(".pg-speak");
  if (speech && speakButtons.length) {
    var sentences = function (article) {
      var parts = [];
      Array.prototype.forEach.call(article.querySelectorAll("h1, .pg-lead, .pg-prose, .pg-steps, .pg-summary"), function (el) {
        parts.push(el.innerText);
      });
      // One utterance a sentence: some browsers stop reading a long one after about 15 seconds.
      return parts.join("\n").replace(/([.!?;:])\s+/g, "$1\n").split(/\n+/).filter(function (s) { return s.trim(); });
    };
    var reading = null;
    var stop = function () {
      speech.cancel();
      if (reading) { reading.setAttribute("aria-pressed", "false"); reading.textContent = reading.getAttribute("data-start"); }
      reading = null;
    };
    var ready = function () {
      if (!voiceFor()) { return; }
      Array.prototype.forEach.call(speakButtons, function (b) { b.classList.add("pg-ready"); });
    };
    Array.prototype.forEach.call(speakButtons, function (button) {
      button.setAttribute("data-start", button.textContent);
      button.addEventListener("click", function () {
        if (reading) { stop(); return; }
        var voice = voiceFor();
        var article = button.closest("article") || document.querySelector("main");
        if (!voice || !article) { return; }
        reading = button;
        button.setAttribute("aria-pressed", "true");
        button.textContent = button.getAttribute("data-stop");
        var queue = sentences(article);
        queue.forEach(function (text, index) {
          var utterance = new SpeechSynthesisUtterance(text);
          utterance.voice = voice;
          utterance.lang = voice.lang;
          if (index === queue.length - 1) { utterance.onend = stop; }
          speech.speak(utterance);
        });
      });
    });
    ready();
    if (speech.addEventListener) { speech.addEventListener("voiceschanged", ready); }
    window.addEventListener("pagehide", function () { speech.cancel(); });
  }

  // Quick filter of the rows of a table on this page.
  each("[data-filter]", function (input) {
    var rows = document.querySelectorAll(input.getAttribute("data-filter"));
    var fold = function (text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
    };
    input.closest(".pg-filter").classList.add("pg-ready");
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(rows, function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();
