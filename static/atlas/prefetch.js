/* Corridor Atlas: starts fetching the segment file that this script's own URL names
 * (?file=...), and segments.js beside it, as soon as the map frame loads this script.
 * streamlit-folium loads the map's scripts one after another and runs the map script last, so
 * without this both requests would wait for Leaflet to load (python -m bench: cold load).
 * segments.js takes the pending response from corridorAtlasPrefetch, keyed by the file's
 * absolute URL. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var own = new URL(script.src, document.baseURI);
  var preload = document.createElement("link");
  preload.rel = "preload";
  preload.as = "script";
  preload.href = new URL("segments.js", own).href;
  document.head.appendChild(preload);
  var file = own.searchParams.get("file");
  if (!file) return;
  var url = new URL(file, document.baseURI).href;
  var pending = (window.corridorAtlasPrefetch = window.corridorAtlasPrefetch || {});
  pending[url] = fetch(url).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  });
  // Nobody may be listening yet: an unhandled rejection here is reported by segments.js.
  pending[url].catch(function () {});
})();
