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

  window.Solidarite = {
    subscribe: function (feed, key) {
      feeds.push({ feed: feed, key: key || "" });
      send({ type: "subscribe", feed: feed, key: key || "" });
    },
    send: send,
    announce: announce
  };

  var pageFeeds = document.querySelectorAll("[data-live-feed]");
  for (var j = 0; j < pageFeeds.length; j++) {
    feeds.push({ feed: pageFeeds[j].getAttribute("data-live-feed"), key: pageFeeds[j].getAttribute("data-live-key") || "" });
  }
  if (signedIn || feeds.length) { connect(); }
})();
