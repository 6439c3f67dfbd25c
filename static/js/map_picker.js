/* The point of a form, picked on a map. Progressive enhancement of the two inputs marked data-map-lat and
 * data-map-lon (number inputs people can still type in, or hidden ones): the map box rendered by
 * {% map_picker %} stays hidden without JavaScript or Leaflet. A click, or Enter / the button for the
 * map's centre, writes both inputs and shows a marker; typing in the inputs moves the marker. */
(function () {
  "use strict";
  var PRECISION = 6; // about 10 cm: more than enough for a door

  function parse(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function setup(box) {
    var form = box.closest("form");
    var lat = form && form.querySelector("[data-map-lat]");
    var lon = form && form.querySelector("[data-map-lon]");
    var el = box.querySelector("[data-map-picker-map]");
    if (!lat || !lon || !el) return;
    // Next to the inputs it fills, when they are visible fields.
    var anchor = lon.type === "hidden" ? null : lon.closest(".field, .form-row");
    if (anchor) anchor.after(box);
    box.hidden = false;

    var map = L.map(el, { scrollWheelZoom: false }).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], 13);
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 19 }).addTo(map);
    var status = box.querySelector("[data-map-picker-status]");
    var marker = null;

    function current() {
      var la = parse(lat), lo = parse(lon);
      if (la === null || lo === null || Math.abs(la) > 90 || Math.abs(lo) > 180) return null;
      return L.latLng(la, lo);
    }
    function show(point) {
      if (!point) {
        if (marker) { marker.remove(); marker = null; }
        return;
      }
      if (marker) marker.setLatLng(point);
      else marker = L.marker(point, { keyboard: false, alt: el.getAttribute("aria-label") }).addTo(map);
    }
    function announce(text) { if (status) status.textContent = text; }
    function changed(input) { input.dispatchEvent(new Event("change", { bubbles: true })); }
    function place(point) {
      lat.value = point.lat.toFixed(PRECISION);
      lon.value = point.lng.toFixed(PRECISION);
      changed(lat);
      changed(lon);
      show(point);
      announce(status.dataset.placed.replace("{lat}", lat.value).replace("{lon}", lon.value));
    }

    var start = current();
    if (start) { show(start); map.setView(start, 16); }
    map.on("click", function (event) { place(event.latlng); });
    el.addEventListener("keydown", function (event) {
      if (event.target === el && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault(); // Enter would submit the form, Space would scroll the page
        place(map.getCenter());
      }
    });
    box.querySelector("[data-map-picker-center]").addEventListener("click", function () { place(map.getCenter()); });
    box.querySelector("[data-map-picker-clear]").addEventListener("click", function () {
      lat.value = "";
      lon.value = "";
      changed(lat);
      changed(lon);
      show(null);
      announce(status.dataset.cleared);
    });
    [lat, lon].forEach(function (input) {
      input.addEventListener("input", function () {
        var point = current();
        show(point);
        if (point) map.panTo(point);
      });
    });
  }

  function init() {
    if (typeof L === "undefined") return; // no Leaflet, no map: the inputs are enough
    document.querySelectorAll("[data-map-picker]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
