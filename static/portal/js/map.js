/* Maps of the portal (Leaflet). Markers come from the portal's own GeoJSON endpoints; the
   tile layer of an external map service loads only after the visitor agreed (cookie
   map_consent=1), otherwise the map draws the self-hosted outline of Germany. */
(function () {
  "use strict";

  var CONSENT_COOKIE = "map_consent";
  var ONE_YEAR = 365 * 24 * 60 * 60;
  // Marker colours in legend order; each has at least 3:1 contrast against the light base.
  var PALETTE = ["#0a4a80", "#1d6b2f", "#b35900", "#7b2d8e", "#a4161a", "#4a5360"];
  var GERMANY = [51.16, 10.45];

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

  function markerStyle(colour) {
    return { radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour, fillOpacity: 0.95 };
  }

  function initMap(figure) {
    var canvas = figure.querySelector(".portal-map__canvas");
    var status = figure.querySelector("[data-map-status]");
    var consentButton = figure.querySelector("[data-map-consent]");
    var data = figure.dataset;
    var colours = {};
    figure.querySelectorAll("[data-category]").forEach(function (item, index) {
      colours[item.dataset.category] = PALETTE[index % PALETTE.length];
    });

    var map = L.map(canvas, { zoomControl: false, scrollWheelZoom: false, minZoom: 5 });
    map.setView(GERMANY, 6);
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);

    fetch(data.outlineUrl).then(function (response) { return response.json(); }).then(function (outline) {
      L.geoJSON(outline, {
        interactive: false,
        style: { color: "#4a5360", weight: 1, fillColor: "#f3f6f9", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* the markers still work without the outline */ });

    var tiles = null;
    function showTiles(agreed) {
      if (agreed && !tiles && data.tileUrl) {
        tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 18 });
        tiles.addTo(map);
      } else if (!agreed && tiles) {
        map.removeLayer(tiles);
        tiles = null;
      }
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
    showTiles(hasConsent());

    if (data.latitude && data.longitude) {
      var point = [parseFloat(data.latitude), parseFloat(data.longitude)];
      L.circleMarker(point, markerStyle(PALETTE[0])).addTo(map);
      map.setView(point, 11);
      return;
    }
    if (!data.geojsonUrl) {
      return;
    }
    fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var colour = colours[feature.properties.category] || PALETTE[0];
            return L.circleMarker(latlng, markerStyle(colour));
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupContent(feature.properties || {}));
          }
        }).addTo(map);
        var count = collection.features.length;
        status.textContent = count ? data.textCount + " " + count : data.textEmpty;
        figure.dataset.featureCount = String(count);
        if (count) {
          map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 11 });
        }
      })
      .catch(function () {
        status.textContent = data.textError;
      });
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
