// Counts down "còn N giây" between the status updates the server sends.
(function () {
  function tick() {
    document.querySelectorAll(".countdown[data-seconds]").forEach(function (element) {
      var left = Math.max(0, parseInt(element.dataset.seconds, 10) - 1);
      element.dataset.seconds = String(left);
      element.textContent = "còn " + left + " giây";
    });
  }
  setInterval(tick, 1000);
})();
