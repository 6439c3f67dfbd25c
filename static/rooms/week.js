/* A room's week updates live, on top of static/js/live.js (which subscribes the page to the
 * room's public feed through the [data-live-feed] element). An event names only the room and the
 * changed time range; when that range overlaps the week shown, the page is fetched again through
 * the normal view (so its privacy rules apply) and the table is swapped in place. Without
 * JavaScript or without the socket, the page is the same, only not live. */
(function () {
  "use strict";
  var FEED = "room-week";
  var loading = false;
  var again = false;
  var subscribedOnce = false;
  var shown = null; // the table as the server last sent it (focus handling may add a tabindex)

  function container() { return document.getElementById("room-week"); }

  function overlaps(data) {
    var box = container();
    if (!box || String(data.room) !== box.getAttribute("data-live-key")) { return false; }
    var start = Date.parse(data.start), end = Date.parse(data.end);
    var weekStart = Date.parse(box.getAttribute("data-week-start"));
    var weekEnd = Date.parse(box.getAttribute("data-week-end"));
    if (isNaN(start) || isNaN(end)) { return true; } // unreadable: fetching again is always safe
    return start < weekEnd && end > weekStart;
  }

  function announce(text) {
    if (window.Solidarite && window.Solidarite.announce) { window.Solidarite.announce(text); return; }
    var region = document.getElementById("live-region");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Where the keyboard focus is in the table, as (row, column), to put it back after the swap.
  function focusPosition(box) {
    var active = document.activeElement;
    if (!active || !box.contains(active)) { return null; }
    var cell = active.closest ? active.closest("td, th") : null;
    var row = cell ? cell.parentElement : null;
    if (!cell || !row || !row.parentElement) { return { row: -1, cell: -1 }; }
    var rows = Array.prototype.indexOf.call(box.querySelectorAll("tr"), row);
    return { row: rows, cell: Array.prototype.indexOf.call(row.children, cell) };
  }

  function restoreFocus(box, position) {
    if (!position) { return; }
    var row = position.row >= 0 ? box.querySelectorAll("tr")[position.row] : null;
    var cell = row ? row.children[position.cell] : null;
    var target = cell ? (cell.querySelector("a") || cell) : box;
    if (!target.hasAttribute("href") && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1"); // the slot became taken: stay on it, not on the page top
    }
    target.focus({ preventScroll: true });
  }

  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("room-week");
        var box = container();
        if (!fresh || !box) { return; }
        if (shown === null) { shown = box.innerHTML; }
        if (fresh.innerHTML === shown) { return; } // e.g. an approval: the slot was already taken
        var position = focusPosition(box);
        shown = fresh.innerHTML;
        box.innerHTML = shown;
        restoreFocus(box, position);
        announce(box.getAttribute("data-changed-message"));
      })
      .catch(function () { /* the page still shows the last state; the next event tries again */ })
      .then(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  document.addEventListener("solidarite:message", function (e) {
    var m = e.detail;
    if (m.feed !== FEED || !container()) { return; }
    if (m.type === "subscribed") {
      // After a reconnect, events sent meanwhile are lost (the socket is a hint): catch up once.
      if (subscribedOnce) { refresh(); }
      subscribedOnce = true;
    } else if (m.type === "feed" && m.data && overlaps(m.data)) {
      refresh();
    }
  });
})();
