/* Maps of the portal (Leaflet). The base is the portal's own: state and district outlines
   shipped as static GeoJSON (static/portal/geo/). Markers come from the portal's GeoJSON
   endpoints; the tile layer of an external map service loads only after the visitor agreed
   (cookie map_consent=1). A map shows one of: the points of a list (data-geojson-url), one
   place within its district (data-latitude/-longitude, data-district), or the districts
   coloured by a figure (data-choropleth: the id of a JSON data block). */
(function () {
  "use strict";

  var CONSENT_COOKIE = "map_consent";
  var ONE_YEAR = 365 * 24 * 60 * 60;
  // Marker colours in legend order; each has at least 3:1 contrast against the light base.
  // The fifth is a neutral grey: on the register's map it marks "no profile", which most of
  // the 10,751 municipalities are.
  var PALETTE = ["#0a4a80", "#1d6b2f", "#b35900", "#7b2d8e", "#6b7785", "#a4161a"];
  // Choropleth bands, light to dark (the legend's swatches in portal.css use the same).
  var BANDS = { none: "#d4d8dd", 0: "#f7fbff", 1: "#c6dbef", 2: "#6baed6", 3: "#2171b5", 4: "#08306b" };
  var GERMANY = [51.16, 10.45];
  // Above this many points the markers are drawn on one canvas instead of one SVG element
  // each, and small while the map is zoomed out: 11,000 SVG circles would stall the page.
  var MANY_POINTS = 500;
  // From this zoom on, a list map also draws the district outlines.
  var DISTRICT_ZOOM = 8;

  function hasConsent() {
    return document.cookie.split("; ").indexOf(CONSENT_COOKIE + "=1") !== -1;
  }

  function storeConsent(agreed) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = CONSENT_COOKIE + "=" + (agreed ? "1" : "0") + "; max-age=" +
      (agreed ? ONE_YEAR : 0) + "; path=/; SameSite=Lax" + secure;
  }

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text == null ? "" : String(text);
    return element.innerHTML;
  }

  function popupContent(properties) {
    var name = escapeHtml(properties.name);
    if (properties.url && properties.url.charAt(0) === "/") {
      return '<a href="' + escapeHtml(properties.url) + '">' + name + "</a>";
    }
    return name;
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    });
  }

  // The outline files are the same on every map of a page (and cached across pages).
  var outlines = {};
  function loadOutline(url) {
    if (!outlines[url]) { outlines[url] = getJson(url); }
    return outlines[url];
  }

  function markerRadius(zoom, many) {
    if (!many) { return 7; }
    return zoom <= 5 ? 2 : zoom <= 6 ? 2.5 : zoom <= 7 ? 3.5 : zoom <= 8 ? 4.5 : 6;
  }

  function initMap(figure) {
    var canvas = figure.querySelector(".portal-map__canvas");
    var status = figure.querySelector("[data-map-status]");
    var consentButton = figure.querySelector("[data-map-consent]");
    var data = figure.dataset;
    var ranks = {};
    figure.querySelectorAll("[data-category]").forEach(function (item, index) {
      ranks[item.dataset.category] = index;
    });
    function colourOf(category) {
      return category in ranks ? PALETTE[ranks[category] % PALETTE.length] : PALETTE[0];
    }

    // A choropleth has no tiles, so it may use fractional zooms to fill its box.
    var map = L.map(canvas, {
      zoomControl: false, scrollWheelZoom: false, minZoom: 5, zoomSnap: data.choropleth ? 0.25 : 1
    });
    map.setView(GERMANY, 6);
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
    // Own panes keep the base between the tiles (200) and the markers (400), in this order
    // whichever file arrives first: state areas, districts, the place's district, state lines.
    // Only the districts may answer the pointer (the choropleth's tooltips).
    [["portalStates", 350], ["portalDistricts", 360], ["portalPlace", 370], ["portalBorders", 380]]
      .forEach(function (pane) {
        var element = map.createPane(pane[0]);
        element.style.zIndex = pane[1];
        if (pane[0] !== "portalDistricts") { element.style.pointerEvents = "none"; }
      });

    var tiles = null;
    var layers = {};
    function restyle() {
      var shown = Boolean(tiles);
      if (layers.states) {
        layers.states.setStyle({ fillOpacity: shown ? 0 : 1 });
      }
      if (layers.place) {
        layers.place.setStyle({ fillOpacity: shown ? 0.2 : 1 });
      }
    }

    function drawStates() {
      return loadOutline(data.statesUrl).then(function (collection) {
        layers.states = L.geoJSON(collection, {
          pane: "portalStates", interactive: false,
          style: {
            className: "portal-map__state", stroke: false, fillColor: "#f3f6f9", fillOpacity: 1
          }
        }).addTo(map);
        L.geoJSON(collection, {
          pane: "portalBorders", interactive: false,
          style: { className: "portal-map__border", color: "#4a5360", weight: 1.2, fill: false }
        }).addTo(map);
        restyle();
        return layers.states;
      });
    }

    function drawDistricts(options) {
      if (!layers.districts) {
        layers.districts = loadOutline(data.districtsUrl).then(function (collection) {
          return L.geoJSON(collection, L.extend({
            pane: "portalDistricts", interactive: false,
            style: { className: "portal-map__district", color: "#9aa5b1", weight: 0.6, fill: false }
          }, options)).addTo(map);
        });
      }
      return layers.districts;
    }

    var statesDrawn = drawStates();
    statesDrawn.catch(function () { /* the markers still work without the base */ });

    function showTiles(agreed) {
      if (agreed && !tiles && data.tileUrl) {
        tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 18 });
        tiles.addTo(map);
      } else if (!agreed && tiles) {
        map.removeLayer(tiles);
        tiles = null;
      }
      restyle();
      if (consentButton) {
        consentButton.textContent = agreed ? data.textConsentOff : data.textConsentOn;
        consentButton.setAttribute("aria-pressed", agreed ? "true" : "false");
      }
    }
    if (consentButton && data.tileUrl) {
      consentButton.hidden = false;
      consentButton.addEventListener("click", function () {
        var agreed = !hasConsent();
        storeConsent(agreed);
        showTiles(agreed);
      });
    }
    showTiles(hasConsent() && Boolean(data.tileUrl));

    if (data.choropleth) {
      drawChoropleth(map, data, drawDistricts, statesDrawn);
    } else if (data.latitude && data.longitude) {
      drawPlace(map, data, layers, drawDistricts, restyle);
    } else if (data.geojsonUrl) {
      drawPoints(map, data, status, figure, colourOf, ranks);
      map.on("zoomend", function () {
        if (map.getZoom() >= DISTRICT_ZOOM) {
          drawDistricts().catch(function () { /* the states suffice */ });
        }
      });
    }
  }

  function drawPlace(map, data, layers, drawDistricts, restyle) {
    var point = L.latLng(parseFloat(data.latitude), parseFloat(data.longitude));
    L.circleMarker(point, {
      radius: 8, color: "#ffffff", weight: 2, fillColor: PALETTE[0], fillOpacity: 1
    }).addTo(map);
    map.setView(point, 10);
    drawDistricts().then(function (districts) {
      districts.eachLayer(function (layer) {
        if (layer.feature.id !== data.district) { return; }
        layers.place = L.geoJSON(layer.feature, {
          pane: "portalPlace", interactive: false,
          style: {
            className: "portal-map__place", color: "#8a4500", weight: 2.5,
            fillColor: "#fdf0d5", fillOpacity: 1
          }
        }).addTo(map);
        restyle();
        // Zoomed out far enough to show the neighbours as well.
        map.fitBounds(layers.place.getBounds().extend(point), { padding: [30, 30], maxZoom: 10 });
      });
    }).catch(function () { /* the marker still shows the place */ });
  }

  function drawPoints(map, data, status, figure, colourOf, ranks) {
    var last = Object.keys(ranks).length;
    function rank(feature) {
      var category = (feature.properties || {}).category;
      return category in ranks ? ranks[category] : last;
    }
    fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (collection) {
        var count = collection.features.length;
        var many = count > MANY_POINTS;
        // Later features are drawn on top: the first categories of the legend stay visible.
        var features = collection.features.slice().sort(function (a, b) { return rank(b) - rank(a); });
        var style = function (feature) {
          return {
            radius: markerRadius(map.getZoom(), many), color: "#ffffff", weight: many ? 0.75 : 1.5,
            fillColor: colourOf((feature.properties || {}).category), fillOpacity: 0.95
          };
        };
        var renderer = many ? L.canvas({ padding: 0.5, tolerance: 3 }) : undefined;
        var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, L.extend(style(feature), { renderer: renderer }));
          }
        }).addTo(map);
        // One popup for all markers, filled on click (not thousands of popup objects).
        layer.on("click", function (event) {
          L.popup().setLatLng(event.layer.getLatLng())
            .setContent(popupContent(event.layer.feature.properties || {})).openOn(map);
        });
        if (many) {
          map.on("zoomend", function () {
            var radius = markerRadius(map.getZoom(), true);
            layer.eachLayer(function (marker) { marker.setRadius(radius); });
          });
        }
        status.textContent = count ? data.textCount + " " + count : data.textEmpty;
        figure.dataset.featureCount = String(count);
        figure.dataset.renderer = many ? "canvas" : "svg";
        if (count) {
          map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 11 });
        }
      })
      .catch(function () {
        status.textContent = data.textError;
      });
  }

  function drawChoropleth(map, data, drawDistricts, statesDrawn) {
    var source = document.getElementById(data.choropleth);
    var figures = source ? JSON.parse(source.textContent) : {};
    drawDistricts({
      interactive: true,
      style: function (feature) {
        var entry = figures[feature.id];
        return {
          className: "portal-map__district", color: "#6b7785", weight: 0.5, fillOpacity: 1,
          fillColor: BANDS[entry ? entry.band : "none"]
        };
      },
      onEachFeature: function (feature, layer) {
        var entry = figures[feature.id];
        layer.bindTooltip(escapeHtml(entry ? entry.text : data.textNoData), { sticky: true });
      }
    }).catch(function () { /* the table beside the map has the figures */ });
    statesDrawn.then(function (states) { map.fitBounds(states.getBounds()); })
      .catch(function () { /* the view stays on Germany's centre */ });
  }

  function start() {
    document.querySelectorAll("[data-portal-map]").forEach(initMap);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
