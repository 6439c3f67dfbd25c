/* A room's week updates live, on top of static/js/live.js (which subscribes the page to the
 * room's public feed through the [data-live-feed] element). An event names only the room and the
 * changed time range; when that range overlaps the week shown, the table is fetched again through
 * the normal view (so its privacy rules apply) and swapped in place (Solidarite.livePart). Without
 * JavaScript or without the socket, the page is the same, only not live. */
(function () {
  "use strict";
  if (!window.Solidarite) { return; }

  function overlaps(data, box) {
    if (String(data.room) !== box.getAttribute("data-live-key")) { return false; }
    var start = Date.parse(data.start), end = Date.parse(data.end);
    var weekStart = Date.parse(box.getAttribute("data-week-start"));
    var weekEnd = Date.parse(box.getAttribute("data-week-end"));
    if (isNaN(start) || isNaN(end)) { return true; } // unreadable: fetching again is always safe
    return start < weekEnd && end > weekStart;
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

  window.Solidarite.livePart({
    feed: "room-week",
    selector: "#room-week",
    concerns: overlaps,
    savePosition: focusPosition,
    restorePosition: restoreFocus
  });
})();
