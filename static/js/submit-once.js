// A form that posts is sent once: a second click (or Enter) while it is on its
// way does nothing, and its buttons say so. The server refuses a second copy on
// its own (the form's one-time token); this spares people the wait and the doubt.
// htmx forms are left to htmx, which cancels the browser's submission itself.
(function () {
  "use strict";

  var script = document.currentScript;
  var busyLabel = (script && script.dataset.busyLabel) || "Đang gửi…";
  // A response that never navigates (a download, a dropped connection) must not
  // leave the form dead: give it back after a while.
  var RELEASE_AFTER_MS = 15000;

  function buttonsOf(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.matches("button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]");
    });
  }

  function release(form) {
    delete form.dataset.busy;
    form.removeAttribute("aria-busy");
    Array.prototype.forEach.call(form.querySelectorAll("input[data-submitter-copy]"), function (copy) {
      copy.remove();
    });
    buttonsOf(form).forEach(function (button) {
      if (button.dataset.idleLabel !== undefined) {
        button.textContent = button.dataset.idleLabel;
        delete button.dataset.idleLabel;
      }
      button.disabled = false;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) {
      return;
    }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || form.dataset.submitOnce === "off") {
      return;
    }
    if (form.dataset.busy === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.busy = "true";
    form.setAttribute("aria-busy", "true");
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      // A disabled button is left out of what the form sends: keep the one clicked ("Lưu nháp" or "Nộp").
      var copy = document.createElement("input");
      copy.type = "hidden";
      copy.name = submitter.name;
      copy.value = submitter.value;
      copy.dataset.submitterCopy = "";
      form.appendChild(copy);
    }
    buttonsOf(form).forEach(function (button) {
      button.disabled = true;
    });
    if (submitter && submitter.tagName === "BUTTON") {
      submitter.dataset.idleLabel = submitter.textContent;
      submitter.textContent = busyLabel;
    }
    window.setTimeout(function () {
      release(form);
    }, RELEASE_AFTER_MS);
  });

  // Each showing of a page is a new sending: a page restored by "Back" (from the
  // browser's memory, or with its fields refilled) must not carry the key the
  // server has already used, or its changed values would be taken for a copy.
  function freshKey() {
    var bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      // Back to a page kept in the browser's memory: its forms are usable again.
      Array.prototype.forEach.call(document.querySelectorAll("form[data-busy]"), release);
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[name=submission_token]"), function (input) {
      input.value = freshKey();
    });
  });
})();
