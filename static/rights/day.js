/* The agent's day list updates live (static/js/live.js subscribes the page to the permanence's feed
 * through the [data-live-feed] element; the server lets only its agents join). An event names only
 * the permanence and the day changed; when it is the day shown, the list is fetched again through
 * the normal view and swapped in place. Without JavaScript or the socket, the page is the same, only
 * not live: reload it. */
(function () {
  "use strict";
  if (!window.Solidarite) { return; }
  window.Solidarite.livePart({
    feed: "rights-day",
    selector: "#agent-day",
    concerns: function (data, box) {
      return String(data.permanence) === box.getAttribute("data-live-key") && data.day === box.getAttribute("data-day");
    }
  });
})();
