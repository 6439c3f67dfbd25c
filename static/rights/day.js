/* The agent's day list updates live, on top of static/js/live.js (which subscribes the page to the
 * permanence's feed through the [data-live-feed] element; the server lets only its agents join).
 * An event names only the permanence and the day changed; when it is the day shown, the page is
 * fetched again through the normal view (so its permission applies) and the list is swapped in place.
 * Without JavaScript or without the socket, the page is the same, only not live: reload it. */
(function () {
  "use strict";
  var FEED = "rights-day";
  var loading = false;
  var again = false;
  var subscribedOnce = false;

  function container() { return document.getElementById("agent-day"); }

  function shows(data) {
    var box = container();
    return box && String(data.permanence) === box.getAttribute("data-live-key") &&
      data.day === box.getAttribute("data-day");
  }

  function announce(text) {
    if (window.Solidarite && window.Solidarite.announce) { window.Solidarite.announce(text); }
  }

  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("agent-day");
        var box = container();
        if (!fresh || !box || fresh.innerHTML === box.innerHTML) { return; }
        // Keep the keyboard where it was when that element is still there (same form action).
        var active = document.activeElement;
        var form = active && box.contains(active) && active.form ? active.form.getAttribute("action") : null;
        box.innerHTML = fresh.innerHTML;
        if (form) {
          var again_ = box.querySelector('form[action="' + form + '"] button');
          if (again_) { again_.focus({ preventScroll: true }); } else { box.setAttribute("tabindex", "-1"); box.focus({ preventScroll: true }); }
        }
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
    } else if (m.type === "feed" && m.data && shows(m.data)) {
      refresh();
    }
  });
})();
