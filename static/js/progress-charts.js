/* Draws each <canvas data-progress-chart="ID"> from the JSON in <script id="ID" type="application/json">
   (embedded with Django's json_script). The table beside each chart holds the same numbers, so a page
   without scripts, or without Chart.js, loses nothing but the picture. No inline script (CSP). */
(function () {
  "use strict";

  function draw(canvas) {
    if (canvas.dataset.drawn === "true" || typeof window.Chart === "undefined") {
      return;
    }
    var source = document.getElementById(canvas.dataset.progressChart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var stacked = spec.datasets.some(function (dataset) { return Boolean(dataset.stack); });
    new window.Chart(canvas, {
      type: spec.kind,
      data: {labels: spec.labels, datasets: spec.datasets},
      options: {
        animation: false,
        responsive: true,
        scales: {
          x: {stacked: stacked},
          y: {stacked: stacked, beginAtZero: true, ticks: {precision: 0}}
        },
        plugins: {legend: {position: "bottom"}}
      }
    });
    canvas.dataset.drawn = "true";
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-progress-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
}());
