/* Coordinate picker (portal/widgets.py): a Leaflet map below a latitude or longitude input;
   a click or dragging the marker fills both that input and its partner, typing in either
   moves the marker. Draws the portal's own outlines of the federal states and loads no tiles. */
(function () {
  "use strict";

  var GERMANY = [51.16, 10.45];
  var PRECISION = 6;

  function parse(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function initPicker(wrapper) {
    var ownInput = wrapper.querySelector("input");
    var form = wrapper.closest("form");
    var partnerInput = form ? form.querySelector('[name="' + wrapper.dataset.partnerName + '"]') : null;
    var ownIsLatitude = wrapper.dataset.axis === "latitude";
    var latitudeInput = ownIsLatitude ? ownInput : partnerInput;
    var longitudeInput = ownIsLatitude ? partnerInput : ownInput;
    var canvas = wrapper.querySelector(".coordinate-picker__map");
    if (!latitudeInput || !longitudeInput || !canvas || typeof L === "undefined") {
      return;
    }
    var map = L.map(canvas, { scrollWheelZoom: false, minZoom: 5 });
    map.setView(GERMANY, 5);
    fetch(wrapper.dataset.outlineUrl).then(function (response) { return response.json(); }).then(function (outline) {
      L.geoJSON(outline, {
        interactive: false,
        style: { color: "#4a5360", weight: 1, fillColor: "#f3f6f9", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* picking still works without the outline */ });

    var marker = null;
    function place(latitude, longitude, pan) {
      var point = [latitude, longitude];
      if (!marker) {
        marker = L.marker(point, { draggable: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () {
          var position = marker.getLatLng();
          write(position.lat, position.lng);
        });
      } else {
        marker.setLatLng(point);
      }
      if (pan) { map.setView(point, Math.max(map.getZoom(), 8)); }
    }
    function write(latitude, longitude) {
      latitudeInput.value = latitude.toFixed(PRECISION);
      longitudeInput.value = longitude.toFixed(PRECISION);
      [latitudeInput, longitudeInput].forEach(function (input) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }
    function fromInputs() {
      var latitude = parse(latitudeInput);
      var longitude = parse(longitudeInput);
      if (latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
        place(latitude, longitude, true);
      }
    }
    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng, false);
      write(event.latlng.lat, event.latlng.lng);
    });
    latitudeInput.addEventListener("input", fromInputs);
    longitudeInput.addEventListener("input", fromInputs);
    fromInputs();
  }

  function start() {
    document.querySelectorAll("[data-coordinate-picker]").forEach(initPicker);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
