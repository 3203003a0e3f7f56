// The composer's live character count and the "copy" buttons of manual (forum) replies.
// A static file: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  var text = document.getElementById("reply-text");
  var count = document.getElementById("reply-count");
  if (text && count) {
    var limit = parseInt(text.getAttribute("data-limit"), 10) || 0;
    var update = function () {
      var n = text.value.length;
      count.textContent = n + " / " + limit;
      count.classList.toggle("over", limit > 0 && n > limit);
    };
    text.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("button.copy-btn").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var area = document.getElementById(btn.getAttribute("data-copy"));
      if (!area) { return; }
      area.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(area.value); }
      btn.textContent = "Copied";
    });
  });
})();
