/* Cold War Documents Edition: the filter box of a register page (persons.html,
 * places.html, organisations.html). No dependencies, works offline.
 *
 * The page is complete without this file: every entry is listed, the letter bar jumps
 * to the letters, and the filter box stays hidden. With it, the box shows; typing
 * keeps the entries one of whose names (the preferred name or a variant, from the
 * entry's data-names) contains what was typed, case and accents ignored; letters
 * without a shown entry are hidden and dimmed in the letter bar; a status line says
 * how many entries are shown. Escape empties the box.
 */
(function () {
  "use strict";

  var box = document.querySelector(".register-filter");
  var input = document.getElementById("register-filter");
  var status = document.getElementById("register-filter-status");
  var none = document.getElementById("register-empty");
  if (!box || !input) {
    return;
  }

  /* "Émile  Zola" and "emile zola", "People’s" and "People's" are the same to the
     filter. */
  function fold(text) {
    var plain = String(text || "").toLowerCase();
    if (plain.normalize) {
      plain = plain.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    return plain.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim();
  }

  var entries = Array.prototype.map.call(document.querySelectorAll(".entry"), function (el) {
    return { el: el, names: fold(el.getAttribute("data-names")) };
  });
  var groups = Array.prototype.slice.call(document.querySelectorAll(".letter-group"));
  var noun = input.getAttribute("data-noun") || "entry";
  var nouns = input.getAttribute("data-nouns") || "entries";

  function count(n) {
    return n + " " + (n === 1 ? noun : nouns);
  }

  function apply() {
    var query = fold(input.value);
    var shown = 0;
    entries.forEach(function (entry) {
      var keep = !query || entry.names.indexOf(query) !== -1;
      entry.el.hidden = !keep;
      if (keep) {
        shown += 1;
      }
    });
    groups.forEach(function (group) {
      var letter = group.getAttribute("data-letter");
      var visible = group.querySelector(".entry:not([hidden])") !== null;
      group.hidden = !visible;
      var link = document.querySelector(".letter-bar a[data-letter=\"" +
        (window.CSS && CSS.escape ? CSS.escape(letter) : letter) + "\"]");
      if (link) {
        link.classList.toggle("is-filtered", !visible);
        if (visible) {
          link.removeAttribute("aria-disabled");
        } else {
          link.setAttribute("aria-disabled", "true");
        }
      }
    });
    if (none) {
      none.hidden = shown !== 0;
    }
    if (status) {
      status.textContent = query ?
        (shown === 0 ? "No " + noun + " matches \u201c" + input.value.trim() + "\u201d." :
          count(shown) + " of " + entries.length + " shown.") : "";
    }
  }

  box.hidden = false;
  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      apply();
    }
  });
  /* A letter hidden by the filter leads nowhere: its link does nothing until shown. */
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ?
      event.target.closest(".letter-bar a.is-filtered") : null;
    if (link) {
      event.preventDefault();
    }
  });
  /* Following a link to an entry the filter hides: empty the box, show the entry. */
  window.addEventListener("hashchange", function () {
    var target = window.location.hash ?
      document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    if (target && target.closest("[hidden]") && input.value) {
      input.value = "";
      apply();
      target.scrollIntoView();
    }
  });
  /* The browser may restore the box's text on going back: filter by it. */
  if (input.value) {
    apply();
  }
}());
