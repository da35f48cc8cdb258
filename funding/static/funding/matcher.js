// Fills the matcher's datalist with municipalities from the server while the user types.
// Without JavaScript the field still works: the server resolves the name or AGS.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var lastQuery = "";

  function fill(results) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    results.forEach(function (result) {
      var option = document.createElement("option");
      option.value = result.value;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (query.length < 2 || query === lastQuery) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      lastQuery = query;
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(data.results || []); })
        .catch(function () {});
    }, 200);
  });
})();
