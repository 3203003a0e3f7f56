// The composer's live character count, the "copy" buttons of manual (forum) replies and the
// suggested answers, fetched after the ticket page (an HTML fragment the server escaped).
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
  var box = document.getElementById("suggestions");
  if (box && window.fetch) {
    fetch(box.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {
        var p = box.querySelector("p");
        if (p) { p.firstChild.textContent = "Suggestions are not available right now. "; }
      });
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
