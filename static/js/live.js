/* The live socket of a page: one per tab, at /ws/. Pages work without it; it only adds
 * live updates. It keeps the last notification id it has seen and, on every reconnect,
 * asks the server for what it missed (?last_id=N), so a lost socket loses nothing.
 * Page scripts listen to "solidarite:message" events and call Solidarite.subscribe(). */
(function () {
  "use strict";
  var body = document.body;
  var feeds = [];
  var socket = null;
  var retry = 0;
  var lastId = parseInt(body.getAttribute("data-last-id") || "0", 10) || 0;
  // Ids already shown: a notification whose transaction committed late may arrive after a
  // higher id, so "id <= lastId" alone would drop it.
  var seen = {};
  var signedIn = body.hasAttribute("data-live-url");
  // Closed by the server with one of these, the socket is not opened again: signed out,
  // suspended or deleted (4403), or refused by policy (1008). Any other close (4013 "try again
  // later" while the server cannot reach its channel layer, a restart, a lost network) is retried
  // after a delay that doubles each time (1-1.5 s, 2-3 s, 4-6 s... up to 32-48 s), randomised so that
  // the tabs of a whole town do not come back at the same instant.
  var NO_RETRY = [4403, 1008];
  var RETRY_BASE_MS = 500;
  var RETRY_MAX_STEP = 6;

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function setUnread(count) {
    var badges = document.querySelectorAll("[data-unread-count]");
    for (var i = 0; i < badges.length; i++) {
      badges[i].textContent = count > 0 ? String(count) : "";
    }
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function handle(message) {
    // The server answered: it is up. (Not on "open": a socket the server accepts only to close
    // it with 4013 opens too, and the delay must keep growing then.)
    retry = 0;
    if (message.type === "notification") {
      if (seen[message.id]) { return; }
      seen[message.id] = true;
      lastId = Math.max(lastId, message.id);
      setUnread(message.unread);
      announce(message.title);
    } else if (message.type === "unread" || message.type === "replayed") {
      setUnread(message.type === "unread" ? message.count : message.unread);
    }
    document.dispatchEvent(new CustomEvent("solidarite:message", { detail: message }));
  }

  function connect() {
    if (!("WebSocket" in window)) { return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + window.location.host + "/ws/" + (signedIn ? "?last_id=" + lastId : "");
    socket = new WebSocket(url);
    socket.addEventListener("open", function () {
      for (var i = 0; i < feeds.length; i++) {
        send({ type: "subscribe", feed: feeds[i].feed, key: feeds[i].key });
      }
    });
    socket.addEventListener("message", function (event) {
      try { handle(JSON.parse(event.data)); } catch (e) { /* ignore a malformed frame */ }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (NO_RETRY.indexOf(event.code) !== -1) { return; }
      retry = Math.min(retry + 1, RETRY_MAX_STEP);
      window.setTimeout(connect, RETRY_BASE_MS * Math.pow(2, retry) * (1 + Math.random() / 2));
    });
  }

  // Where the keyboard was inside a live part: the action of the form whose button had the focus
  // (the same form is still there after the swap when its row still is).
  function formPosition(box) {
    var active = document.activeElement;
    return active && box.contains(active) && active.form ? active.form.getAttribute("action") : null;
  }

  function restoreFormPosition(box, action) {
    if (!action) { return; }
    var button = box.querySelector('form[action="' + action + '"] button');
    if (button) { button.focus({ preventScroll: true }); return; }
    box.setAttribute("tabindex", "-1"); // its row is gone: stay in the part, not at the page top
    box.focus({ preventScroll: true });
  }

  /* A part of the page kept fresh by a feed's hints (rooms' week, an agent's day, an épicerie's day).
   * A hint names what changed, never anyone's data: when options.concerns(data, box) says it is what
   * the part shows, the page is fetched again through its normal view (so its permissions apply) and
   * the part is swapped in place, the keyboard focus kept, the change announced from the part's
   * data-changed-message. One fetch at a time (a hint arriving meanwhile asks for one more); after a
   * reconnect, hints sent meanwhile are lost (the socket is a hint), so the part catches up once. */
  function livePart(options) {
    var loading = false, again = false, subscribedOnce = false, shown = null;
    var concerns = options.concerns || function () { return true; };
    var savePosition = options.savePosition || formPosition;
    var restorePosition = options.restorePosition || restoreFormPosition;

    function container() { return document.querySelector(options.selector); }

    function refresh() {
      if (loading) { again = true; return; }
      loading = true;
      fetch(window.location.href, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(options.selector);
          var box = container();
          if (!fresh || !box) { return; }
          // Compared with what the server last sent, not with the DOM (focus handling adds a tabindex).
          if (shown === null) { shown = box.innerHTML; }
          if (fresh.innerHTML === shown) { return; } // e.g. an approval: the slot was already taken
          var position = savePosition(box);
          shown = fresh.innerHTML;
          box.innerHTML = shown;
          restorePosition(box, position);
          announce(box.getAttribute("data-changed-message"));
        })
        .catch(function () { /* the part keeps its last state; the next hint tries again */ })
        .then(function () {
          loading = false;
          if (again) { again = false; refresh(); }
        });
    }

    document.addEventListener("solidarite:message", function (e) {
      var m = e.detail, box = container();
      if (m.feed !== options.feed || !box) { return; }
      if (m.type === "subscribed") {
        if (subscribedOnce) { refresh(); }
        subscribedOnce = true;
      } else if (m.type === "feed" && m.data && concerns(m.data, box)) {
        refresh();
      }
    });
  }

  window.Solidarite = {
    subscribe: function (feed, key) {
      feeds.push({ feed: feed, key: key || "" });
      send({ type: "subscribe", feed: feed, key: key || "" });
    },
    send: send,
    announce: announce,
    livePart: livePart
  };

  var pageFeeds = document.querySelectorAll("[data-live-feed]");
  for (var j = 0; j < pageFeeds.length; j++) {
    feeds.push({ feed: pageFeeds[j].getAttribute("data-live-feed"), key: pageFeeds[j].getAttribute("data-live-key") || "" });
  }
  if (signedIn || feeds.length) { connect(); }
})();
