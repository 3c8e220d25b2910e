// The drafting page's preview: the plan as it prints, reloaded by htmx after each
// save (the "plan-changed" event the drafting views send). Each printed piece names
// the row it comes from (data-source="criterion-5", "plan" for the general info);
// clicking it opens that row's form on the page, through the same htmx request
// as the row's own "Sửa" link.
(function () {
  "use strict";

  var preview = document.getElementById("ban-xem-truoc");
  if (!preview) {
    return;
  }
  var indicator = document.getElementById("dang-cap-nhat");

  preview.addEventListener("htmx:beforeRequest", function () {
    indicator.hidden = false;
  });
  preview.addEventListener("htmx:afterRequest", function () {
    indicator.hidden = true;
  });

  function firstField(container) {
    return container.querySelector("input:not([type=hidden]), textarea, select");
  }

  function show(container) {
    container.scrollIntoView({block: "start", behavior: "instant"});
    var field = firstField(container);
    if (field) {
      field.focus({preventScroll: true});
    }
  }

  function openPart(source) {
    if (source === "plan") {
      show(document.getElementById("thong-tin-chung"));
      return;
    }
    var row = document.querySelector('.part-panel [data-part="' + CSS.escape(source) + '"]');
    var edit = row && row.querySelector("a[hx-get]");
    if (!edit) {
      return;  // a row deleted meanwhile: the preview reloads on its own
    }
    var slot = document.getElementById("form-" + source.slice(0, source.lastIndexOf("-")));
    htmx.ajax("GET", edit.getAttribute("hx-get"), {target: slot, swap: "innerHTML"}).then(function () {
      show(slot);
    });
  }

  preview.addEventListener("click", function (event) {
    var piece = event.target.closest("[data-source]");
    if (piece && preview.contains(piece)) {
      openPart(piece.dataset.source);
    }
  });

  // From the keyboard: every innermost printed piece is a Tab stop, Enter opens its part.
  function reachable() {
    preview.querySelectorAll("[data-source]").forEach(function (piece) {
      if (!piece.querySelector("[data-source]")) {
        piece.tabIndex = 0;
        piece.title = preview.dataset.openHint || "";
      }
    });
  }
  reachable();
  preview.addEventListener("htmx:afterSettle", reachable);
  preview.addEventListener("keydown", function (event) {
    var piece = event.target;
    if (event.key === "Enter" && piece.dataset && piece.dataset.source && preview.contains(piece)) {
      event.preventDefault();
      openPart(piece.dataset.source);
    }
  });
})();
