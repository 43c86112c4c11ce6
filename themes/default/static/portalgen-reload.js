/* portalgen serve: reload the page after each rebuild and show content problems over it.
   Added to pages only by the preview server, never written into the built sites. */
(function () {
  "use strict";
  var known = null, box = null;
  function overlay(problems) {
    if (box) { box.remove(); box = null; }
    if (!problems.length) { return; }
    box = document.createElement("section");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", "portalgen");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:9999;" +
      "background:#1b1b1b;color:#fff;font:14px/1.5 monospace;padding:12px 16px;border-top:4px solid #d4351c";
    var title = document.createElement("p");
    title.style.cssText = "font-weight:bold;margin:0 0 8px";
    title.textContent = "portalgen: " + problems.length + " lỗi — trang đang hiện bản dựng trước đó";
    box.appendChild(title);
    problems.forEach(function (p) {
      var line = document.createElement("p");
      line.style.margin = "2px 0";
      line.textContent = p.file + ": " + p.severity + " " + p.code + ": " + p.message;
      box.appendChild(line);
    });
    document.body.appendChild(box);
  }
  function poll() {
    fetch("/__portalgen/status.json", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (known !== null && s.version !== known && !s.problems.length) { window.location.reload(); return; }
      known = s.version;
      overlay(s.problems);
    }).catch(function () { /* the server is restarting */ }).then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
