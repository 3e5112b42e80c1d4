/* Corridor Atlas: draws the segment file (geo/mapdata.py) on a Leaflet canvas and applies the
 * view state each rerun sends. Python decides what shows and how: this script only looks up
 * the codes it is given. Every text from the data reaches the page through textContent, never
 * as HTML. */
(function () {
  "use strict";

  var FORMAT = 1;

  function bitsOf(mask, count) {
    var bytes = atob(mask);
    var shown = new Array(count);
    for (var i = 0; i < count; i++) {
      shown[i] = ((bytes.charCodeAt(i >> 3) >> (i & 7)) & 1) === 1;
    }
    return shown;
  }

  function latLngs(flat) {
    // The file already holds [lat, lon] pairs (geo.mapview.latlon made them): no swap here.
    var points = new Array(flat.length / 2);
    for (var i = 0; i < flat.length; i += 2) points[i / 2] = L.latLng(flat[i], flat[i + 1]);
    return points;
  }

  // A line with its edge drawn under it in the same pass: half the canvas objects of a
  // separate edge layer, and a crossing line's edge separates it from the one below.
  var CasedLine = L.Polyline.extend({
    _updatePath: function () {
      var casing = this.options.casing;
      if (casing && this._renderer._updatePoly) {
        var own = this.options;
        this.options = L.extend({}, own, casing, { _dashArray: null, lineCap: "round" });
        this._renderer._updatePoly(this);
        this.options = own;
      }
      L.Polyline.prototype._updatePath.call(this);
    },
  });

  function textRow(box, label, value) {
    var row = document.createElement("div");
    var name = document.createElement("b");
    name.textContent = label + ": ";
    row.appendChild(name);
    row.appendChild(document.createTextNode(value));
    box.appendChild(row);
  }

  var SVG = "http://www.w3.org/2000/svg";

  // A short sample of a line as the map draws it: the edge under it, then the dashed stroke.
  function swatch(style, weight, casing) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "40");
    svg.setAttribute("height", "12");
    svg.setAttribute("aria-hidden", "true");
    var strokes = casing ? [casing, style] : [style];
    strokes.forEach(function (look, index) {
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("x1", "3");
      line.setAttribute("y1", "6");
      line.setAttribute("x2", "37");
      line.setAttribute("y2", "6");
      line.setAttribute("stroke", look.color);
      line.setAttribute("stroke-width", String(look.weight || weight));
      var last = index === strokes.length - 1;
      if (last && style.dashArray) line.setAttribute("stroke-dasharray", style.dashArray);
      if (last && style.lineCap) line.setAttribute("stroke-linecap", style.lineCap);
      svg.appendChild(line);
    });
    return svg;
  }

  function legendRow(box, sample, text, title) {
    var row = document.createElement("div");
    row.className = "ca-legend-row";
    if (title) row.title = title;
    row.appendChild(sample);
    var label = document.createElement("span");
    label.textContent = " " + text;
    row.appendChild(label);
    box.appendChild(row);
  }

  function heading(box, text) {
    var title = document.createElement("b");
    title.textContent = text;
    box.appendChild(title);
  }

  // The legend inside the map: every status with the number of segments shown, then how
  // modes differ. Built from the segment file's looks, so it always matches the lines.
  var Legend = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      this._box = L.DomUtil.create("div", "leaflet-bar ca-legend");
      this._box.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.5 sans-serif";
      L.DomEvent.disableClickPropagation(this._box);
      L.DomEvent.disableScrollPropagation(this._box);
      return this._box;
    },
    update: function (data, counts) {
      var box = this._box;
      while (box.firstChild) box.removeChild(box.firstChild);
      heading(box, "Status (segments shown)");
      var rail = data.modes.filter(function (mode) { return mode.id === "rail"; })[0];
      data.statuses.forEach(function (status, index) {
        var count = counts && counts[index] !== undefined ? counts[index] : 0;
        legendRow(box, swatch(status.style, status.style.weight, rail && rail.casing),
                  status.label + " (" + count + ")", status.definition);
      });
      heading(box, "Mode");
      data.modes.forEach(function (mode) {
        var look = { color: "#009E73", weight: mode.weight };
        legendRow(box, swatch(look, mode.weight, mode.casing), mode.label + " " + mode.hint, null);
      });
    },
  });

  // The file's parsed content: the request prefetch.js started, else a new one.
  function loadFile(file) {
    var url = new URL(file, document.baseURI).href;
    var started = window.corridorAtlasPrefetch && window.corridorAtlasPrefetch[url];
    if (started) {
      delete window.corridorAtlasPrefetch[url];
      return started;
    }
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  var SegmentLayer = L.FeatureGroup.extend({
    initialize: function (options) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this._source = options;
      this._renderer = L.canvas({ tolerance: options.tolerance, padding: 0.3 });
      this._data = null;
      this._lines = [];
      this._byId = new Map();
      this._state = null;
      this._halo = null;
      var self = this;
      this.bindTooltip(function (line) { return self._describe(line); }, { sticky: true });
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      if (!this._legend) this._legend = new Legend().addTo(map);
      if (this._data || this._loading) return;
      if (this._source.data) {
        this._setData(this._source.data);
        return;
      }
      var self = this;
      this._loading = loadFile(this._source.url)
        .then(function (data) { self._setData(data); })
        .catch(function (error) { self._fail(map, error); });
    },

    _fail: function (map, error) {
      drawnNow();
      var notice = L.control({ position: "topright" });
      notice.onAdd = function () {
        var box = L.DomUtil.create("div", "leaflet-bar ca-load-error");
        box.style.background = "#fff";
        box.style.padding = "6px 8px";
        box.textContent = "The segments could not be loaded (" + error.message + "). Reload the page.";
        return box;
      };
      notice.addTo(map);
    },

    _setData: function (data) {
      if (data.format !== FORMAT) {
        this._fail(this._map, new Error("segment file format " + data.format));
        return;
      }
      this._data = data;
      this._byId = new Map();
      var lines = new Array(data.segments.length);
      for (var i = 0; i < data.segments.length; i++) {
        var segment = data.segments[i];
        var mode = data.modes[segment.mode];
        var line = new CasedLine(segment.lines.map(latLngs), {
          renderer: this._renderer,
          weight: mode.weight,
          casing: mode.casing,
        });
        line.feature = { type: "Feature", properties: { id: segment.id } };
        line._index = i;
        line._code = null;
        lines[i] = line;
        this._byId.set(segment.id, line);
      }
      this._lines = lines;
      if (this._state) this.show(this._state);
    },

    show: function (state) {
      this._state = state;
      if (!this._data) return; // applied once the file has loaded
      var data = this._data;
      var row = state.year - data.first_year;
      var codes = data.status[row];
      var shown = bitsOf(state.shown, this._lines.length);
      var added = false;
      for (var i = 0; i < this._lines.length; i++) {
        var line = this._lines[i];
        var on = this.hasLayer(line);
        if (!shown[i]) {
          if (on) this.removeLayer(line);
          continue;
        }
        if (line._code !== codes[i]) {
          line._code = codes[i];
          line.setStyle(this._styleOf(codes[i]));
        }
        if (!on) {
          this.addLayer(line);
          added = true;
        }
      }
      // Re-added lines went on top; restore the file's order (small segments last, on top).
      if (added) {
        for (var j = 0; j < this._lines.length; j++) {
          if (shown[j]) this._lines[j].bringToFront();
        }
      }
      this._select(state.selected);
      this._legend.update(data, state.counts);
      drawnNow();
    },

    _styleOf: function (code) {
      var status = this._data.statuses[code.charCodeAt(0) - 97];
      return status ? status.style : {};
    },

    _select: function (id) {
      if (this._halo) {
        this._map && this._map.removeLayer(this._halo);
        this._halo = null;
      }
      var line = id ? this._byId.get(id) : null;
      if (!line || !this.hasLayer(line) || !this._map) return;
      var halo = this._data.halo;
      var style = {
        renderer: this._renderer,
        interactive: false,
        color: halo.color,
        opacity: halo.opacity,
        lineCap: halo.lineCap,
        weight: line.options.weight + halo.extra,
      };
      this._halo = L.polyline(line.getLatLngs(), style).addTo(this._map);
      line.bringToFront();
    },

    _describe: function (line) {
      var data = this._data;
      var segment = data.segments[line._index];
      var row = this._state.year - data.first_year;
      var code = data.status[row].charAt(line._index);
      var since = data.first_year + data.since[row].charCodeAt(line._index) - 48;
      var status = data.statuses[code.charCodeAt(0) - 97];
      var box = document.createElement("div");
      textRow(box, "Segment", segment.name);
      textRow(box, "Status", (status ? status.label : code) + " (since " + since + ")");
      textRow(box, "Mode", data.modes[segment.mode].label);
      textRow(box, "Corridor", data.corridors[segment.corridor].label);
      return box;
    },
  });

  // Work that should wait until the segments are on screen (the country outlines): run after
  // the first frame that shows them, so it never delays what the reader came for.
  var waiting = [];
  var drawn = false;
  function drawnNow() {
    if (drawn) return;
    drawn = true;
    requestAnimationFrame(function () {
      setTimeout(function () { waiting.splice(0).forEach(function (job) { job(); }); }, 0);
    });
  }

  window.corridorAtlas = {
    current: null,
    whenDrawn: function (job) {
      if (drawn && !waiting.length) setTimeout(job, 0);
      else waiting.push(job);
    },
    segmentLayer: function (options) {
      var layer = new SegmentLayer(options);
      window.corridorAtlas.current = layer;
      return layer;
    },
  };
})();
