/* The day view of an épicerie, live: when a household books or cancels a slot, or the till records
 * a visit, the server sends a hint on the page's feed (no data about anyone) and the list part of the
 * page is fetched again (static/js/live.js). Without JavaScript the page is the same, and reloading
 * it shows the news. */
(function () {
  "use strict";
  if (!window.Solidarite) { return; }
  window.Solidarite.livePart({ feed: "grocery-day", selector: "[data-grocery-day]" });
})();
