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

/* The scholar's tools (no dependencies, offline):
 * - "Cite this": a Copy button per style copies its text; the access date slot gets
 *   today's date;
 * - the view switch (and the key "v") opens the other view at the paragraph at the top
 *   of the window: the anchors (¶) are the same in both views;
 * - keys: "[" previous document, "]" next document (by date), "v" the other view;
 * - a page opened from a search result (?hl=word|word) marks those words and scrolls
 *   to the first of them.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* ----- citation ----- */
  var today = new Date();
  var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  document.querySelectorAll(".cite-accessed").forEach(function (el) {
    el.textContent = el.closest("pre") ? iso : today.toLocaleDateString("en-US",
      { year: "numeric", month: "long", day: "numeric" });
  });

  function copyText(text, button) {
    function done(ok) {
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = ok ? "Copied" : "Select and copy";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(fallback(text)); });
    } else {
      done(fallback(text));
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  document.querySelectorAll(".copy-button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (source) {
        copyText(source.textContent.replace(/\s+\n/g, "\n").trim(), button);
      }
    });
  });

  /* ----- the paragraph at the top of the window ----- */
  function currentAnchor() {
    var links = document.querySelectorAll(".document-text .anchor-link");
    var top = 90;
    for (var i = 0; i < links.length; i += 1) {
      var block = links[i].parentElement;
      var rect = block.getBoundingClientRect();
      if (rect.bottom > top && rect.height > 0) {
        return block.id;
      }
    }
    return window.location.hash ? window.location.hash.slice(1) : "";
  }

  function withAnchor(href) {
    var anchor = currentAnchor();
    var base = href.split("#")[0];
    return anchor && window.scrollY > 0 ? base + "#" + encodeURIComponent(anchor) :
      (anchor && window.location.hash ? base + "#" + encodeURIComponent(anchor) : base);
  }

  document.querySelectorAll(".view-switch .view-link:not(.current), a.view-here").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        link.href = withAnchor(link.getAttribute("href"));
        return;
      }
      event.preventDefault();
      window.location.href = withAnchor(link.getAttribute("href"));
    });
  });

  /* ----- keys ----- */
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var link = null;
    if (event.key === "[") {
      link = document.querySelector(".doc-nav-date .doc-prev");
    } else if (event.key === "]") {
      link = document.querySelector(".doc-nav-date .doc-next");
    } else if (event.key === "v") {
      link = document.querySelector(".view-switch .view-link:not(.current)");
      if (link) {
        event.preventDefault();
        window.location.href = withAnchor(link.getAttribute("href"));
        return;
      }
    }
    if (link) {
      event.preventDefault();
      window.location.href = link.getAttribute("href");
    }
  });

  /* ----- the words of a search, marked ----- */
  var params = new URLSearchParams(window.location.search);
  var words = (params.get("hl") || "").split("|").filter(function (w) {
    return w.length > 0 && w.length < 80;
  });
  var text = document.querySelector(".document-text");
  if (words.length && text) {
    var escaped = words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + escaped.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".fn-pop, .visually-hidden, script") ?
          NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    var first = null;
    nodes.forEach(function (node) {
      var value = node.nodeValue;
      pattern.lastIndex = 0;
      var match;
      var last = 0;
      var parts = [];
      while ((match = pattern.exec(value)) !== null) {
        var start = match.index + match[1].length;
        parts.push(document.createTextNode(value.slice(last, start)));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = match[2];
        parts.push(mark);
        last = start + match[2].length;
        first = first || mark;
      }
      if (parts.length) {
        parts.push(document.createTextNode(value.slice(last)));
        var frag = document.createDocumentFragment();
        parts.forEach(function (p) { frag.appendChild(p); });
        node.parentNode.replaceChild(frag, node);
      }
    });
    if (first && !window.location.hash) {
      first.scrollIntoView({ block: "center" });
    }
  }
}());

/* The timeline's dates the documents mention: filter by a word and by kind. */
(function () {
  "use strict";
  var box = document.querySelector(".event-filter[data-filter-for]");
  if (!box) {
    return;
  }
  var list = document.getElementById(box.getAttribute("data-filter-for"));
  var q = document.getElementById("event-q");
  var kind = document.getElementById("event-kind");
  var count = box.querySelector(".event-count");
  if (!list || !q || !kind) {
    return;
  }
  var items = Array.prototype.slice.call(list.children);
  function run() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = kind.value;
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute("data-text") + " " + li.textContent.toLowerCase();
      var ok = (!wanted || li.getAttribute("data-kind") === wanted) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    if (count) {
      count.textContent = shown + " of " + items.length + " dates";
    }
  }
  box.hidden = false;
  q.addEventListener("input", run);
  kind.addEventListener("change", run);
  run();
}());
