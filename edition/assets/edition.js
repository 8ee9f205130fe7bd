/* Cold War Documents Edition: small enhancements, no dependencies, works offline.
 *
 * Footnotes work without this file: the popover beside a marker shows on hover and on
 * keyboard focus (CSS), and the marker is a link to the note in the list at the end.
 * This script adds: a popover that would run off the bottom of the window opens
 * above its line instead; a tap or click on a marker pins its popover open (instead of
 * jumping to the list); a second tap, Escape, or a tap elsewhere closes it; the
 * citation shows the page's full address when the site is served over http(s);
 * the metadata block starts folded on a phone; printing opens it.
 */
(function () {
  "use strict";

  var OPEN = "is-open";
  var DISMISSED = "is-dismissed";

  function refOf(fn) {
    return fn.querySelector(".fn-ref");
  }

  function setOpen(fn, open) {
    fn.classList.toggle(OPEN, open);
    var ref = refOf(fn);
    if (ref) {
      ref.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  /* Open above the marker's line when there is no room below it. */
  function place(fn) {
    var pop = fn.querySelector(".fn-pop");
    var ref = refOf(fn);
    fn.classList.remove("fn-above");
    if (!pop || !ref || window.getComputedStyle(pop).position !== "absolute") {
      return;
    }
    var box = pop.getBoundingClientRect();
    if (box.height === 0) {
      return;
    }
    var line = ref.getBoundingClientRect();
    if (box.bottom > window.innerHeight && line.top - box.height - 12 > 0) {
      fn.classList.add("fn-above");
    }
  }

  function dismiss(fn) {
    setOpen(fn, false);
    fn.classList.add(DISMISSED);
  }

  function closeOthers(keep) {
    document.querySelectorAll(".fn." + OPEN).forEach(function (fn) {
      if (fn !== keep) {
        setOpen(fn, false);
      }
    });
  }

  document.querySelectorAll(".fn").forEach(function (fn) {
    var ref = refOf(fn);
    if (ref) {
      ref.setAttribute("aria-expanded", "false");
    }
    fn.addEventListener("mouseenter", function () {
      place(fn);
    });
    fn.addEventListener("focusin", function () {
      place(fn);
      /* again once the browser has scrolled the focused marker into view */
      window.requestAnimationFrame(function () {
        place(fn);
      });
    });
    /* A dismissed popover may show again once pointer and focus have left it. */
    fn.addEventListener("mouseleave", function () {
      if (!fn.contains(document.activeElement)) {
        fn.classList.remove(DISMISSED);
      }
    });
    fn.addEventListener("focusout", function (event) {
      if (!fn.contains(event.relatedTarget)) {
        fn.classList.remove(DISMISSED);
      }
    });
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var ref = target.closest(".fn-ref");
    if (ref) {
      event.preventDefault();
      var fn = ref.closest(".fn");
      closeOthers(fn);
      if (fn.classList.contains(OPEN)) {
        dismiss(fn);
      } else {
        fn.classList.remove(DISMISSED);
        setOpen(fn, true);
        place(fn);
      }
      return;
    }
    if (!target.closest(".fn-pop")) {
      closeOthers(null);
      var active = document.activeElement;
      if (active && active.closest && active.closest(".fn")) {
        active.blur();
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll(".fn").forEach(function (fn) {
      if (fn.classList.contains(OPEN) || fn.matches(":hover") ||
          fn.contains(document.activeElement)) {
        dismiss(fn);
      }
    });
  });

  /* The citation: the full address when served from a web server. */
  if (/^https?:$/.test(window.location.protocol)) {
    var siteRoot = new URL(document.body.classList.contains("view-index") ? "." : "..",
      window.location.href);
    document.querySelectorAll(".cite-url[data-path]").forEach(function (el) {
      el.textContent = new URL(el.getAttribute("data-path"), siteRoot).href;
    });
  }

  /* On a phone the metadata block would push the text a screen down: fold it. */
  if (window.matchMedia && window.matchMedia("(max-width: 40em)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (d) {
      d.removeAttribute("open");
    });
  }

  /* Print the metadata too. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) {
      d.setAttribute("open", "");
    });
  });
}());
