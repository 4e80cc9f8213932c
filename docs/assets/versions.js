// The version page: a link to a claim's row (the ✓ beside the claim on its page) opens the folded table
// the row is in, and scrolls the row into view just below its table's header row, that header in view.
(function () {
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var box = target && target.closest(".claims-matrix");
    if (!box) return;
    var folded = box.closest("details");
    if (folded && !folded.open) folded.open = true;
    var row = target.closest("tr");
    var head = box.querySelector("thead");
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - head.offsetHeight;
    var bar = document.querySelector(".md-header");
    var top = box.getBoundingClientRect().top - (bar ? bar.getBoundingClientRect().height : 0) - 16;
    window.scrollBy(0, top);
  }
  window.addEventListener("hashchange", land);
  if (document.readyState === "complete") land();
  else window.addEventListener("load", land);
})();
