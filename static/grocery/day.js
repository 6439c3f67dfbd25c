/* The day view of an épicerie, live: when a household books or cancels a slot, or the till records
 * a visit, the server sends a hint on the page's feed (no data about anyone) and the list part of the
 * page is fetched again. Without JavaScript the page is the same, and reloading it shows the news. */
(function () {
  "use strict";
  var FEED = "grocery-day";
  var loading = false, again = false, subscribedOnce = false;

  function container() { return document.querySelector("[data-grocery-day]"); }

  function refresh() {
    var box = container();
    if (!box) { return; }
    if (loading) { again = true; return; }
    loading = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-grocery-day]");
        if (!fresh) { return; }
        box.innerHTML = fresh.innerHTML;
        if (window.Solidarite) { window.Solidarite.announce(box.getAttribute("data-changed-message")); }
      })
      .catch(function () { /* the page keeps its last state; the next hint tries again */ })
      .then(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  document.addEventListener("solidarite:message", function (e) {
    var m = e.detail;
    if (m.feed !== FEED || !container()) { return; }
    if (m.type === "subscribed") {
      if (subscribedOnce) { refresh(); }  // after a reconnect, hints sent meanwhile were lost
      subscribedOnce = true;
    } else if (m.type === "feed") {
      refresh();
    }
  });
})();
