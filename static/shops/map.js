// Shop map: reads the list equivalent printed under the map (no inline script, CSP-safe).
(function () {
  "use strict";
  var el = document.getElementById("shop-map");
  if (!el || typeof L === "undefined") return;
  var center = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
  var map = L.map(el, { scrollWheelZoom: false }).setView(center, 13);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var list = document.querySelector(el.dataset.markers);
  if (!list) return;
  var bounds = [];
  list.querySelectorAll("li[data-lat]").forEach(function (item) {
    var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    if (isNaN(point[0]) || isNaN(point[1])) return;
    var link = document.createElement("a");
    link.href = item.dataset.url;
    link.textContent = item.dataset.name; // text, never HTML: shop names are user input
    L.marker(point, { title: item.dataset.name, alt: item.dataset.name }).addTo(map).bindPopup(link);
    bounds.push(point);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  else if (bounds.length === 1) map.setView(bounds[0], 16);
})();
