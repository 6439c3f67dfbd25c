/* Leaflet as the page needs it, before any map is drawn (loaded right after leaflet.js and before the
 * pages' map scripts; all deferred, so in order):
 * - its zoom buttons say « Zoom in / Zoom out » whatever the language: their titles (and aria-labels)
 *   come from the template, translated by gettext;
 * - it finds its marker icons by stripping "marker-icon.png" from its stylesheet's URL, which fails on
 *   the hashed names of production's static files: the template gives their real URLs. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.L || !window.L.Control || !window.L.Control.Zoom) { return; }
  window.L.Control.Zoom.mergeOptions({
    zoomInTitle: me.getAttribute("data-zoom-in"),
    zoomOutTitle: me.getAttribute("data-zoom-out")
  });
  window.L.Icon.Default.imagePath = "";
  window.L.Icon.Default.mergeOptions({
    iconUrl: me.getAttribute("data-icon"),
    iconRetinaUrl: me.getAttribute("data-icon-2x"),
    shadowUrl: me.getAttribute("data-shadow")
  });
})();
