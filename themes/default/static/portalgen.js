/* portalgen: optional enhancements. Everything works without this script. */
(function () {
  "use strict";
  // Collapse the menu on narrow screens (it is open when scripts do not run).
  var menu = document.querySelector(".pg-nav__menu");
  if (menu && window.matchMedia && window.matchMedia("(max-width: 47.99rem)").matches) {
    menu.removeAttribute("open");
  }
  // Print (or save as PDF) buttons.
  Array.prototype.forEach.call(document.querySelectorAll(".pg-print"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Quick filter of the rows of a table on this page.
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (input) {
    var rows = document.querySelectorAll(input.getAttribute("data-filter"));
    var fold = function (text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
    };
    input.closest(".pg-filter").hidden = false;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(rows, function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();
