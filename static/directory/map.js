// Directory and agenda maps: reads markers from a JSON data element, never from inline script (CSP).
(function () {
  "use strict";
  function init(el) {
    if (typeof L === "undefined") return;
    var markers = JSON.parse(document.getElementById(el.dataset.markers).textContent || "[]");
    var center = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
    var map = L.map(el, { scrollWheelZoom: false }).setView(center, parseInt(el.dataset.zoom || "13", 10));
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 19 }).addTo(map);
    var bounds = [];
    markers.forEach(function (m) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.name; // textContent: names are user text, never HTML.
      L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).addTo(map).bindPopup(link);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    else if (bounds.length === 1) map.setView(bounds[0], 16);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-directory-map]").forEach(init);
  });
})();
