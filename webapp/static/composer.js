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

// The outbox's live status: while a reply of the page is queued or being sent, its status is
// read from the ticket's replies.json every two seconds and shown in the thread and the outbox
// list (sent, failed with the error); nothing is polled when no reply waits.
(function () {
  "use strict";
  var list = document.querySelector("[data-replies]");
  if (!list || !window.fetch) { return; }
  var url = list.getAttribute("data-replies");
  var WAITING = { queued: true, sending: true };
  var EVERY = 2000;
  var waiting = function () {
    return Array.prototype.some.call(document.querySelectorAll("[data-reply]"), function (el) {
      return WAITING[el.getAttribute("data-status")] === true;
    });
  };
  var show = function (reply) {
    var els = document.querySelectorAll('[data-reply="' + reply.id + '"]');
    Array.prototype.forEach.call(els, function (el) {
      var was = el.getAttribute("data-status");
      if (was === reply.label) { return; }
      el.classList.remove("reply-" + was);
      el.classList.add("reply-" + reply.label);
      el.setAttribute("data-status", reply.label);
      var status = el.querySelector(".reply-status");
      if (status) { status.textContent = reply.label; }
      var note = el.querySelector(".queued-note");
      if (note && reply.label !== "queued") { note.remove(); }
      var error = el.querySelector(".error");
      if (error) { error.textContent = reply.error || ""; }
      var remote = el.querySelector(".remote");
      if (remote && reply.remote_id) { remote.textContent = "remote id " + reply.remote_id; }
    });
  };
  var poll = function () {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (resp) { return resp.ok ? resp.json() : null; })
      .then(function (data) {
        if (data && data.replies) { data.replies.forEach(show); }
      })
      .catch(function () { return null; })
      .then(function () { if (waiting()) { window.setTimeout(poll, EVERY); } });
  };
  if (waiting()) { window.setTimeout(poll, EVERY); }
})();
