/* Maps of neighbourhood help. The page already lists everything the map shows; the map only
 * adds a picture. Markers come from a JSON data block (public, fuzzed points only). Forms pick
 * their point with the shared static/js/map_picker.js. */
(function () {
  "use strict";
  var el = document.querySelector("[data-help-map]");
  if (!el || !window.L) { return; }
  el.hidden = false;
  var center = [47.1772, -1.5492];
  var map = window.L.map(el).setView(center, 13);
  window.L.tileLayer(el.getAttribute("data-tiles"), {
    attribution: el.getAttribute("data-attribution") || "", maxZoom: 19
  }).addTo(map);

  var data = document.getElementById("help-markers");
  var markers = data ? JSON.parse(data.textContent) : [];
  var bounds = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.label;
    window.L.circleMarker([m.lat, m.lon], { radius: 9 }).addTo(map).bindPopup(link);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length > 1) { map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] }); }
  else if (bounds.length === 1) { map.setView(bounds[0], 15); }
})();
