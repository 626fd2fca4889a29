/* sentier maps: a page's map from the JSON the build wrote into it (#map-data), or, on the
   global map, every trek as a clustered marker and every line from a zoom level on.
   Text from the data is always set as text (textContent), never parsed as HTML. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  var dataElement = document.getElementById("map-data");
  if (!element || !dataElement || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var labels = data.labels || {};
  // Routes take the theme's (or the site's branding) primary colour.
  var primary = getComputedStyle(document.documentElement).getPropertyValue("--color-primary").trim() || "#1f5130";
  var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5 });
  element.classList.add("map-ready");

  var layers = {};
  (data.tiles || []).forEach(function (tiles, index) {
    var layer = L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: tiles.max_zoom });
    layers[tiles.name] = layer;
    if (index === 0) {
      layer.addTo(map);
    }
  });
  if (Object.keys(layers).length > 1) {
    L.control.layers(layers, null, { position: "topright" }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);

  var bounds = L.latLngBounds([]);
  function resetView() {
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView([45.5, 6], 7);
    }
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function button(label, symbol, onClick) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var container = L.DomUtil.create("div", "leaflet-bar leaflet-control");
      var link = L.DomUtil.create("button", "map-button", container);
      link.type = "button";
      link.title = label;
      link.setAttribute("aria-label", label);
      link.textContent = symbol;
      L.DomEvent.disableClickPropagation(container);
      L.DomEvent.on(link, "click", onClick);
      return container;
    };
    return control;
  }

  button(labels.reset || "Reset view", "⌂", resetView).addTo(map);
  if (element.requestFullscreen) {
    button(labels.fullscreen || "Full screen", "⤢", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        element.requestFullscreen();
      }
    }).addTo(map);
    document.addEventListener("fullscreenchange", function () {
      map.invalidateSize();
    });
  }

  // Markers whose meaning the page already gives in words (departure, arrival, parking,
  // reference points) are drawings only; the others can be focused and show their name.
  function numbered(at, number, className, name) {
    var icon = L.divIcon({ className: className, html: String(number), iconSize: [24, 24] });
    var interactive = Boolean(name);
    var marker = L.marker(at, { icon: icon, interactive: interactive, keyboard: interactive, title: name || "" });
    if (name) {
      marker.bindTooltip(text(name));
    }
    return marker;
  }

  function pin(at, className, symbol, name, interactive) {
    var icon = L.divIcon({ className: className, html: symbol, iconSize: [26, 26] });
    var marker = L.marker(at, { icon: icon, interactive: Boolean(interactive), keyboard: Boolean(interactive), title: name || "" });
    if (name && interactive) {
      marker.bindTooltip(text(name));
    }
    bounds.extend(at);
    return marker;
  }

  // A marker's popup: the object's picture, if any, and a link to its page.
  function fillPopup(box, picture, url, name) {
    if (picture) {
      var img = document.createElement("img");
      img.src = picture;
      img.alt = "";
      img.width = 160;
      img.height = 107;
      box.appendChild(img);
    }
    var link = document.createElement("a");
    link.href = url;
    link.textContent = name;
    box.appendChild(link);
    return box;
  }

  function popupBox() {
    var box = document.createElement("div");
    box.className = "map-popup";
    return box;
  }

  function json(response) {
    if (!response.ok) {
      throw new Error(response.url + ": HTTP " + response.status);
    }
    return response.json();
  }

  if (data.kind === "overview") {
    overview();
  } else if (data.kind === "search") {
    searchResults();
  } else {
    page();
  }

  function page() {
    (data.areas || []).forEach(function (area) {
      L.polygon(area.rings, { className: "map-area", color: "#b34700", weight: 2, fillOpacity: 0.15 })
        .bindTooltip(text(area.name))
        .addTo(map);
    });
    (data.steps || []).forEach(function (step) {
      step.lines.forEach(function (line) {
        L.polyline(line, { className: "map-step", color: "#5a4fcf", weight: 4, opacity: 0.8 })
          .bindTooltip(text(step.name))
          .addTo(map);
        line.forEach(function (at) { bounds.extend(at); });
      });
    });
    (data.lines || []).forEach(function (line) {
      L.polyline(line, { className: "map-route", color: primary, weight: 5, opacity: 0.9 }).addTo(map);
      line.forEach(function (at) { bounds.extend(at); });
    });
    if (data.point) {
      pin(data.point, "map-pin", "●", labels.here, false).addTo(map);
    }
    if (data.departure) {
      pin(data.departure, "map-pin map-departure", "▶", labels.departure).addTo(map);
    }
    if (data.arrival) {
      pin(data.arrival, "map-pin map-arrival", "■", labels.arrival).addTo(map);
    }
    if (data.parking) {
      pin(data.parking, "map-pin map-parking", "P", labels.parking).addTo(map);
    }
    (data.pois || []).forEach(function (poi) {
      numbered(poi.at, poi.number, "map-poi", poi.name).addTo(map);
      bounds.extend(poi.at);
    });
    (data.references || []).forEach(function (at, index) {
      numbered(at, index + 1, "map-reference", null).addTo(map);
      bounds.extend(at);
    });
    (data.desks || []).forEach(function (desk) {
      pin(desk.at, "map-pin map-desk", "i", desk.name, true).addTo(map);
    });
    resetView();
  }

  // The search page's results, as search.js announces them: a marker per result, whose
  // popup loads its card, and from `lines_min_zoom` on the lines of the treks among them.
  function searchResults() {
    var clusters = L.markerClusterGroup({ showCoverageOnHover: false });
    var lines = L.layerGroup();
    var renderer = L.canvas({ padding: 0.5 });
    var allLines = null;
    var shown = null;
    map.addLayer(clusters);
    resetView();

    function popup(point, results) {
      var box = popupBox();
      results.card(point.doc).then(function (card) { fillPopup(box, card.i, card.u, card.n); });
      return box;
    }

    function drawLines() {
      if (!shown || !data.lines || map.getZoom() < data.lines_min_zoom) {
        map.removeLayer(lines);
        return;
      }
      if (!allLines) {
        allLines = fetch(data.lines).then(json);
        allLines.catch(function () { allLines = null; });
      }
      var wanted = shown;
      allLines.then(function (byTrek) {
        if (wanted !== shown) {
          return;
        }
        lines.clearLayers();
        wanted.treks.forEach(function (id) {
          if (byTrek[id]) {
            L.polyline(byTrek[id], { renderer: renderer, color: primary, weight: 3, opacity: 0.8 }).addTo(lines);
          }
        });
        map.addLayer(lines);
        element.setAttribute("data-lines-shown", String(lines.getLayers().length));
      });
    }

    function show(results) {
      shown = results;
      clusters.clearLayers();
      bounds = L.latLngBounds([]);
      clusters.addLayers(results.points.map(function (point) {
        bounds.extend(point.at);
        return L.marker(point.at).bindPopup(function () { return popup(point, results); });
      }));
      resetView();
      element.setAttribute("data-markers-shown", String(results.points.length));
      drawLines();
    }

    document.addEventListener("sentier:results", function (event) { show(event.detail); });
    if (window.sentierSearchResults) {
      show(window.sentierSearchResults);
    }
    map.on("zoomend", drawLines);
  }

  function overview() {
    var clusters = L.markerClusterGroup({ showCoverageOnHover: false });
    var lines = L.layerGroup();
    var linesLoaded = false;
    map.addLayer(clusters);
    resetView();

    function popup(trek) {
      return fillPopup(popupBox(), trek.picture, trek.url, trek.name);
    }

    fetch(data.markers)
      .then(json)
      .then(function (treks) {
        treks.forEach(function (trek) {
          var marker = L.marker(trek.at, { title: trek.name });
          marker.bindPopup(function () { return popup(trek); });
          clusters.addLayer(marker);
          bounds.extend(trek.at);
        });
        resetView();
        element.setAttribute("data-markers-loaded", String(treks.length));
        showLines();
      })
      .catch(function (error) {
        element.setAttribute("data-markers-failed", String(error));
      });

    function showLines() {
      if (map.getZoom() < data.lines_min_zoom) {
        map.removeLayer(lines);
        return;
      }
      if (!linesLoaded) {
        linesLoaded = true;
        var renderer = L.canvas({ padding: 0.5 });
        fetch(data.lines)
          .then(json)
          .then(function (byTrek) {
            Object.keys(byTrek).forEach(function (id) {
              L.polyline(byTrek[id], { renderer: renderer, color: primary, weight: 3, opacity: 0.8 }).addTo(lines);
            });
            element.setAttribute("data-lines-loaded", String(Object.keys(byTrek).length));
          })
          .catch(function () {
            // Try again at the next zoom.
            linesLoaded = false;
          });
      }
      map.addLayer(lines);
    }
    map.on("zoomend", showLines);
  }
})();
