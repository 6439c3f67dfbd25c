/* Live parts of neighbourhood help, on top of static/js/live.js (which subscribes the
 * [data-live-feed] elements). Text is inserted with textContent only. */
(function () {
  "use strict";

  function item(attrs, parts) {
    var li = document.createElement("li");
    Object.keys(attrs).forEach(function (k) { li.setAttribute(k, attrs[k]); });
    parts.forEach(function (p) {
      if (typeof p === "string") { li.appendChild(document.createTextNode(p)); return; }
      var node = document.createElement(p.tag);
      node.textContent = p.text;
      if (p.href) { node.href = p.href; }
      if (p.cls) { node.className = p.cls; }
      li.appendChild(node);
    });
    return li;
  }

  function dropEmpty(list) {
    var empty = list.querySelector("[data-empty]");
    if (empty) { empty.remove(); }
  }

  document.addEventListener("solidarite:message", function (e) {
    var m = e.detail;
    if (m.type !== "feed") { return; }
    var d = m.data;
    if (m.feed === "help-request") {
      var list = document.querySelector("[data-help-matches]");
      if (!list) { return; }
      (m.event === "matches" ? d.matches : [d]).forEach(function (match) {
        var existing = list.querySelector('[data-match-id="' + match.id + '"]');
        var li = item({ "data-match-id": String(match.id) }, [
          { tag: "a", text: match.offerer, href: match.url }, " — " + match.explanation + " ",
          { tag: "span", cls: "meta", text: "(" + match.status_label + ")" }
        ]);
        dropEmpty(list);
        if (existing) { existing.replaceWith(li); } else { list.appendChild(li); }
      });
    } else if (m.feed === "help-match") {
      if (m.event === "status") {
        var status = document.querySelector("[data-match-status]");
        if (status) { status.textContent = d.status_label; }
        return;
      }
      var messages = document.querySelector("[data-help-messages]");
      if (!messages) { return; }
      var old = messages.querySelector('[data-message-id="' + d.id + '"]');
      var line = item({ "data-message-id": String(d.id) }, [
        { tag: "strong", text: d.author }, " ", { tag: d.hidden ? "em" : "span", text: d.hidden ? "—" : d.body }
      ]);
      dropEmpty(messages);
      if (old) { old.replaceWith(line); } else { messages.appendChild(line); }
    } else if (m.feed === "help-public" && m.event === "posted") {
      var feed = document.querySelector("[data-help-public]");
      if (!feed || feed.getAttribute("data-help-public") !== d.kind) { return; }
      dropEmpty(feed);
      var card = item({ "class": "card" }, [
        { tag: "h3", text: d.categories.join(", ") }, { tag: "p", cls: "meta", text: d.quartier + " · " + d.name }
      ]);
      var link = document.createElement("a");
      link.href = d.url;
      link.textContent = d.categories.join(", ");
      card.firstChild.textContent = "";
      card.firstChild.appendChild(link);
      feed.insertBefore(card, feed.firstChild);
    }
  });
})();
