// What the pages do in the reader's browser, beyond Material's own script (no instant navigation:
// this runs on every page load).
//
// 1. The language switcher (overrides/partials/alternate.html) leads to the section being read:
//    the anchors are the same in both languages, so its link takes the address's #anchor (kept up
//    to date while the reader scrolls by Material's navigation.tracking).
// 2. One "展开全部输出 / Show all outputs" switch per page with outputs (overrides/main.html renders
//    it, hidden; here it goes under the page's title): it opens or folds every example's output,
//    and the choice is kept for the next pages (localStorage). Outputs are folded by default.
(function () {
  "use strict";

  function keepAnchor(link) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[data-notes-keep-anchor]");
    if (link) keepAnchor(link);
  }, true);
  // middle-click, "copy link" and the status bar show the same address
  ["pointerdown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target instanceof Element && event.target.closest("a[data-notes-keep-anchor]");
      if (link) keepAnchor(link);
    }, true);
  });

  var KEY = "notes.outputs.open";
  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (error) { return false; }
  }
  function store(open) {
    try { window.localStorage.setItem(KEY, open ? "1" : "0"); } catch (error) { /* private mode */ }
  }

  function setUpOutputs() {
    var control = document.querySelector(".notes-show-outputs");
    var outputs = document.querySelectorAll("details.example-output");
    if (!control || outputs.length === 0) return;
    var box = control.querySelector("input");
    var title = document.querySelector("article h1");
    if (title) title.insertAdjacentElement("afterend", control);
    control.hidden = false;
    function apply(open) {
      box.checked = open;
      outputs.forEach(function (details) { details.open = open; });
    }
    if (stored()) apply(true);
    box.addEventListener("change", function () {
      apply(box.checked);
      store(box.checked);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpOutputs);
  else setUpOutputs();
})();
