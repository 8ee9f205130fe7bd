/* Cold War Documents Edition: the search page (search.html). No dependencies, no
 * network: the records come from search-index.js beside the page, a script that sets
 * window.EDITION_SEARCH (edition/search.py writes it), so the page works from file://.
 *
 * Without this file, or without the index, the page lists every document and says
 * why it cannot search. With them, the form shows and:
 * - every word of the query must occur in a document (in its title, date, number,
 *   the names it mentions, its text or its notes); "words in quotes" must occur
 *   together, as whole words; a word without quotes also finds longer words that
 *   begin with it; case, accents and typographic quotes and dashes are ignored;
 * - the source and the years (from, to) narrow the documents searched;
 * - results: documents with a hit in their title first, then by the number of hits,
 *   then in date order; each with its date, number and source, a snippet around the
 *   first hit in the text (or in a note) with the words marked, and the names that
 *   match; each leads to the reading view;
 * - a status line says how many documents match (read out by screen readers);
 * - the query and the filters stay in the page's address (search.html?q=…), so that
 *   a search can be cited, bookmarked, and opened again;
 * - Escape in the query box empties it; "/" anywhere else goes to the box.
 */
(function () {
  "use strict";

  var SNIPPET_BEFORE = 90;
  var SNIPPET_AFTER = 170;
  var OPENING = 220;

  /* ----- folding: case, accents, quotes and dashes ignored ----- */

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SPECIAL = {
    "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0111": "d",
    "\u0142": "l", "\u0131": "i", "\u2018": "'", "\u2019": "'", "\u02bc": "'",
    "\u201a": "'", "\u201c": "\"", "\u201d": "\"", "\u201e": "\"", "\u00ab": "\"",
    "\u00bb": "\"", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "
  };
  var folded = Object.create(null);

  function foldChar(ch) {
    var known = folded[ch];
    if (known !== undefined) {
      return known;
    }
    var lower = ch.toLowerCase();
    var out = SPECIAL[lower];
    if (out === undefined) {
      out = lower.normalize ? lower.normalize("NFKD").replace(MARKS, "") : lower;
      out = SPECIAL[out] !== undefined ? SPECIAL[out] : out;
    }
    if (/\s/.test(out)) {
      out = " ";
    }
    folded[ch] = out;
    return out;
  }

  /* The folded text, and for each of its characters where it comes from in the text. */
  function foldWithMap(text) {
    var out = [];
    var map = [];
    var k = 0;
    while (k < text.length) {
      var code = text.charCodeAt(k);
      var ch;
      var f;
      if (code < 128) {
        ch = text.charAt(k);
        f = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) :
          (code === 9 || code === 10 || code === 13 ? " " : ch);
      } else {
        ch = String.fromCodePoint ? String.fromCodePoint(text.codePointAt(k)) : text.charAt(k);
        f = foldChar(ch);
      }
      for (var j = 0; j < f.length; j += 1) {
        out.push(f.charAt(j));
        map.push(k);
      }
      k += ch.length;
    }
    map.push(text.length);
    return { text: out.join(""), map: map, source: text };
  }

  function fold(text) {
    return foldWithMap(String(text || "")).text.replace(/\s+/g, " ").trim();
  }

  var WORD_CHAR;
  try {
    WORD_CHAR = new RegExp("[\\p{L}\\p{N}]", "u");
  } catch (e) {
    WORD_CHAR = /[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u9fff]/;
  }

  function isWordChar(ch) {
    return ch !== "" && WORD_CHAR.test(ch);
  }

  function trimToWords(text) {
    var start = 0;
    var end = text.length;
    while (start < end && !isWordChar(text.charAt(start))) {
      start += 1;
    }
    while (end > start && !isWordChar(text.charAt(end - 1))) {
      end -= 1;
    }
    return text.slice(start, end);
  }

  /* ----- stemming: Snowball English ----- */

  /* The index maps each word of the edition to its Snowball English stem (made by
     edition/search.py with snowballstemmer); the query's words are stemmed here by the
     same algorithm (assets/snowball-stemmers.js). Without that script, words
     match by their beginning only. */
  var STEMMER = null;
  try {
    STEMMER = window.snowballFactory ? window.snowballFactory.newStemmer("english") : null;
  } catch (e) {
    STEMMER = null;
  }
  var STEMS = Object.create(null);
  var ASCII = /^[\x00-\x7f]*$/;

  function stemOf(word) {
    var known = STEMS[word];
    if (known !== undefined) {
      return known;
    }
    if (ASCII.test(word) || !STEMMER) {
      return word;  /* a word of the edition whose stem is itself */
    }
    known = STEMMER.stem(word);
    STEMS[word] = known;
    return known;
  }

  var WORDS;
  try {
    WORDS = new RegExp("[\\p{L}\\p{N}]+", "gu");
  } catch (e) {
    WORDS = /[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+/g;
  }

  /* ----- the query ----- */

  /* Terms of a query: quoted phrases (an unclosed quote runs to the end) and words. */
  function parseQuery(raw) {
    var query = fold(raw);
    var terms = [];
    var seen = Object.create(null);
    var pattern = /"([^"]*)"?|([^\s"]+)/g;
    var match;
    while ((match = pattern.exec(query)) !== null) {
      var phrase = match[1] !== undefined;
      var text = trimToWords((phrase ? match[1] : match[2]).replace(/\s+/g, " "));
      var key = (phrase ? "p:" : "w:") + text;
      if (text && !seen[key]) {
        seen[key] = true;
        terms.push({ text: text, phrase: phrase,
          stem: !phrase && STEMMER && text.indexOf(" ") < 0 ? STEMMER.stem(text) : null });
      }
    }
    return terms;
  }

  /* Where a term occurs in folded text: [start, end) pairs, whole words for a phrase,
     the start of a word for a word. */
  function hitsIn(hay, term) {
    var hits = [];
    var n = term.text.length;
    var from = 0;
    for (;;) {
      var i = hay.indexOf(term.text, from);
      if (i < 0) {
        break;
      }
      if (!isWordChar(hay.charAt(i - 1)) &&
          (!term.phrase || !isWordChar(hay.charAt(i + n)))) {
        hits.push([i, i + n]);
      }
      from = i + 1;
    }
    if (term.stem) {
      var starts = Object.create(null);
      hits.forEach(function (hit) { starts[hit[0]] = true; });
      WORDS.lastIndex = 0;
      var word;
      while ((word = WORDS.exec(hay)) !== null) {
        if (!starts[word.index] && stemOf(word[0]) === term.stem) {
          hits.push([word.index, word.index + word[0].length]);
        }
      }
      hits.sort(function (a, b) { return a[0] - b[0]; });
    }
    return hits;
  }

  /* ----- the records ----- */

  function prepare(doc, order) {
    var names = (doc.names || []).map(function (name) {
      return foldWithMap(String(name.name || ""));
    });
    var years = doc.years || null;
    return {
      doc: doc,
      order: order,
      title: foldWithMap(String(doc.title || "")),
      about: fold([doc.date, doc.number ? "no. " + doc.number : ""].join(" ")),
      names: names,
      text: foldWithMap(String(doc.text || "")),
      notes: (doc.notes || []).map(function (note) {
        return foldWithMap(String(note));
      }),
      first: years && typeof years[0] === "number" ? years[0] : null,
      last: years && typeof years[1] === "number" ? years[1] : null,
      dated: Boolean(years)
    };
  }

  function inYears(record, from, to) {
    if (from === null && to === null) {
      return true;
    }
    if (!record.dated) {
      return false;
    }
    return (to === null || record.first === null || record.first <= to) &&
      (from === null || record.last === null || record.last >= from);
  }

  /* The hits of every term in a record, or null when a term is missing. */
  function match(record, terms) {
    var result = { title: [], text: [], notes: [], names: [], total: 0 };
    for (var t = 0; t < terms.length; t += 1) {
      var term = terms[t];
      var count = 0;
      var inTitle = hitsIn(record.title.text, term);
      var inText = hitsIn(record.text.text, term);
      var inAbout = hitsIn(record.about, term);
      result.title = result.title.concat(inTitle);
      result.text = result.text.concat(inText);
      count += inTitle.length + inText.length + inAbout.length;
      record.notes.forEach(function (note, i) {
        var found = hitsIn(note.text, term);
        if (found.length) {
          result.notes[i] = (result.notes[i] || []).concat(found);
          count += found.length;
        }
      });
      record.names.forEach(function (name, i) {
        var found = hitsIn(name.text, term);
        if (found.length) {
          result.names[i] = (result.names[i] || []).concat(found);
          count += found.length;
        }
      });
      if (count === 0) {
        return null;
      }
      result.total += count;
    }
    return result;
  }

  /* ----- showing results ----- */

  /* "?hl=word|word": the words of the text that matched, for the document page to mark
     (assets/edition.js). */
  function highlight(record, found) {
    if (!found || !found.text.length) {
      return "";
    }
    var words = [];
    found.text.forEach(function (hit) {
      var start = record.text.map[hit[0]];
      var end = record.text.map[hit[1]];
      var word = record.text.source.slice(start, end);
      if (word && words.indexOf(word.toLowerCase()) < 0 && words.length < 12) {
        words.push(word.toLowerCase());
      }
    });
    return words.length ? "?hl=" + encodeURIComponent(words.join("|")) : "";
  }

  function merged(hits) {
    var sorted = hits.slice().sort(function (a, b) {
      return a[0] - b[0] || b[1] - a[1];
    });
    var out = [];
    sorted.forEach(function (hit) {
      var last = out[out.length - 1];
      if (last && hit[0] <= last[1]) {
        last[1] = Math.max(last[1], hit[1]);
      } else {
        out.push([hit[0], hit[1]]);
      }
    });
    return out;
  }

  /* Hits in folded text as ranges of the original text. */
  function original(foldedText, hits) {
    return merged(hits).map(function (hit) {
      var start = foldedText.map[hit[0]];
      var end = foldedText.map[hit[1]];
      return [start, Math.max(end, start + 1)];
    });
  }

  /* Append text[from, to) to parent, with the ranges in it marked. */
  function appendMarked(parent, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], from);
      var end = Math.min(range[1], to);
      if (end <= start) {
        return;
      }
      if (start > at) {
        parent.appendChild(document.createTextNode(text.slice(at, start)));
      }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.appendChild(mark);
      at = end;
    });
    if (at < to) {
      parent.appendChild(document.createTextNode(text.slice(at, to)));
    }
  }

  /* A window of the text around the first hit, cut at spaces. */
  function snippet(parent, foldedText, hits) {
    var text = foldedText.source;
    var ranges = original(foldedText, hits);
    var first = ranges.length ? ranges[0] : [0, 0];
    var from = Math.max(0, first[0] - SNIPPET_BEFORE);
    var to = Math.min(text.length, (ranges.length ? first[1] + SNIPPET_AFTER : OPENING));
    if (from > 0) {
      var space = text.indexOf(" ", from);
      from = space >= 0 && space < first[0] ? space + 1 : from;
    }
    if (to < text.length) {
      var back = text.lastIndexOf(" ", to);
      to = back > first[1] ? back : to;
    }
    if (from > 0) {
      parent.appendChild(document.createTextNode("\u2026\u00a0"));
    }
    appendMarked(parent, text, ranges, from, to);
    if (to < text.length) {
      parent.appendChild(document.createTextNode("\u00a0\u2026"));
    }
  }

  function element(name, className, text) {
    var el = document.createElement(name);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* A collection document's text opens with its heading, which repeats the title shown
     above the snippet: the snippet starts at the first hit after it, if there is one. */
  function afterTitle(record, hits) {
    var title = record.title.text;
    if (title.length < 12 || record.text.text.indexOf(title.slice(0, 40)) !== 0) {
      return hits;
    }
    var later = hits.filter(function (hit) {
      return hit[0] >= title.length;
    });
    return later.length ? later : hits;
  }

  function resultItem(record, found) {
    var doc = record.doc;
    var li = element("li", "result");
    li.setAttribute("data-id", doc.id);
    var heading = element("h2", "result-title");
    var link = element("a");
    link.href = "reading/" + encodeURIComponent(doc.id) + ".html" + highlight(record, found);
    appendMarked(link, record.title.source,
      found ? original(record.title, found.title) : [], 0, record.title.source.length);
    heading.appendChild(link);
    li.appendChild(heading);

    var meta = element("p", "result-meta");
    var parts = [];
    if (doc.date) {
      parts.push(element("span", "result-date", doc.date));
    }
    if (doc.number) {
      parts.push(element("span", "result-number", "No. " + doc.number));
    }
    if (doc.source) {
      parts.push(element("span", "result-source", doc.source));
    }
    if (found) {
      parts.push(element("span", "result-hits", plural(found.total, "hit", "hits")));
    }
    parts.forEach(function (part, i) {
      if (i > 0) {
        meta.appendChild(document.createTextNode(" \u00b7 "));
      }
      meta.appendChild(part);
    });
    li.appendChild(meta);

    if (found) {
      var where = found.text.length ?
        { text: record.text, hits: afterTitle(record, found.text) } : null;
      if (!where) {
        for (var i = 0; i < record.notes.length; i += 1) {
          if (found.notes[i]) {
            where = { text: record.notes[i], hits: found.notes[i], note: true };
            break;
          }
        }
      }
      if (where) {
        var p = element("p", "result-snippet");
        if (where.note) {
          p.appendChild(element("span", "result-label", "In a note: "));
        }
        snippet(p, where.text, where.hits);
        li.appendChild(p);
      }
      var named = [];
      record.names.forEach(function (name, i) {
        if (found.names[i]) {
          named.push([name, found.names[i]]);
        }
      });
      if (named.length) {
        var names = element("p", "result-names");
        names.appendChild(element("span", "result-label", "Names: "));
        named.forEach(function (pair, i) {
          if (i > 0) {
            names.appendChild(document.createTextNode(", "));
          }
          appendMarked(names, pair[0].source, original(pair[0], pair[1]), 0,
            pair[0].source.length);
        });
        li.appendChild(names);
      }
      if (!where && !named.length && record.text.source) {
        var opening = element("p", "result-snippet");
        snippet(opening, record.text, []);
        li.appendChild(opening);
      }
    }
    return li;
  }

  /* ----- the page ----- */

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var source = document.getElementById("search-source");
    var fromBox = document.getElementById("search-from");
    var toBox = document.getElementById("search-to");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var fallback = document.getElementById("search-static");
    if (!form || !input || !status || !list) {
      return;
    }
    var data = window.EDITION_SEARCH;
    if (!data || !Array.isArray(data.documents)) {
      status.textContent = "The search index (search-index.js) could not be loaded, so " +
        "this page cannot search; every document is listed below.";
      return;
    }
    var records = data.documents.map(prepare);
    if (data.stems) {
      Object.keys(data.stems).forEach(function (w) { STEMS[w] = data.stems[w]; });
    }
    var facets = Array.prototype.slice.call(document.querySelectorAll("select[data-facet]"));
    facets.forEach(function (select) {
      var kind = select.getAttribute("data-facet");
      var counts = Object.create(null);
      var names = Object.create(null);
      data.documents.forEach(function (doc) {
        (doc.names || []).forEach(function (name) {
          if (name.type === kind) {
            counts[name.id] = (counts[name.id] || 0) + 1;
            names[name.id] = name.name;
          }
        });
      });
      Object.keys(names).sort(function (a, b) {
        return names[a].localeCompare(names[b]);
      }).forEach(function (id) {
        var option = document.createElement("option");
        option.value = id;
        option.textContent = names[id] + " (" + counts[id] + ")";
        select.appendChild(option);
      });
      if (select.options.length > 1 && select.parentElement) {
        select.parentElement.hidden = false;
      }
    });
    var timer = null;

    function year(box) {
      var value = box ? box.value.trim() : "";
      return /^-?\d{1,4}$/.test(value) ? parseInt(value, 10) : null;
    }

    function state() {
      return {
        q: input.value,
        source: source ? source.value : "",
        from: year(fromBox),
        to: year(toBox),
        facets: facets.map(function (select) {
          return [select.getAttribute("data-facet"), select.value];
        }).filter(function (pair) { return pair[1]; })
      };
    }

    /* The search in the page's address: search.html?q=…&source=…&from=…&to=… */
    function remember(s) {
      var params = new URLSearchParams();
      if (s.q.trim()) {
        params.set("q", s.q.trim());
      }
      if (s.source) {
        params.set("source", s.source);
      }
      if (s.from !== null) {
        params.set("from", String(s.from));
      }
      if (s.to !== null) {
        params.set("to", String(s.to));
      }
      s.facets.forEach(function (pair) {
        params.set(pair[0], pair[1]);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        try {
          window.history.replaceState(null, "", url);
        } catch (e) {
          /* some browsers refuse to change a file:// address: the search still works */
        }
      }
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      if (source) {
        var wanted = params.get("source") || "";
        source.value = wanted;
        if (source.value !== wanted) {
          source.value = "";
        }
      }
      if (fromBox) {
        fromBox.value = params.get("from") || "";
      }
      if (toBox) {
        toBox.value = params.get("to") || "";
      }
      facets.forEach(function (select) {
        var wanted = params.get(select.getAttribute("data-facet")) || "";
        select.value = wanted;
        if (select.value !== wanted) {
          select.value = "";
        }
      });
    }

    function describeFilters(s) {
      var parts = [];
      if (s.source) {
        parts.push("from " + s.source);
      }
      s.facets.forEach(function (pair) {
        var select = document.getElementById("search-" + pair[0]);
        var option = select ? select.options[select.selectedIndex] : null;
        parts.push("naming " + (option ? option.textContent.replace(/ \(\d+\)$/, "") : pair[1]));
      });
      if (s.from !== null && s.to !== null) {
        parts.push(s.from === s.to ? "dated " + s.from : "dated " + s.from + "\u2013" + s.to);
      } else if (s.from !== null) {
        parts.push("dated " + s.from + " or later");
      } else if (s.to !== null) {
        parts.push("dated " + s.to + " or earlier");
      }
      return parts.length ? " (" + parts.join(", ") + ")" : "";
    }

    function run() {
      timer = null;
      var s = state();
      var terms = parseQuery(s.q);
      var shown = [];
      records.forEach(function (record) {
        if (s.source && record.doc.source !== s.source) {
          return;
        }
        if (!inYears(record, s.from, s.to)) {
          return;
        }
        var named = (record.doc.names || []).map(function (name) { return name.id; });
        if (s.facets.some(function (pair) { return named.indexOf(pair[1]) < 0; })) {
          return;
        }
        var found = terms.length ? match(record, terms) : null;
        if (terms.length && !found) {
          return;
        }
        shown.push({ record: record, found: found });
      });
      if (terms.length) {
        shown.sort(function (a, b) {
          var ta = a.found.title.length ? 0 : 1;
          var tb = b.found.title.length ? 0 : 1;
          return ta - tb || b.found.total - a.found.total || a.record.order - b.record.order;
        });
      }
      var items = document.createDocumentFragment();
      shown.forEach(function (hit) {
        items.appendChild(resultItem(hit.record, hit.found));
      });
      list.replaceChildren ? list.replaceChildren(items) :
        (list.textContent = "", list.appendChild(items));
      var filters = describeFilters(s);
      var query = s.q.trim();
      if (!terms.length) {
        status.textContent = (shown.length === records.length ?
          "All " + plural(records.length, "document", "documents") :
          plural(shown.length, "document", "documents") + " of " + records.length) +
          filters + (query ? "." : ". Type words, names or dates to search.");
      } else if (shown.length === 0) {
        status.textContent = "No document matches \u201c" + query + "\u201d" + filters + ".";
      } else {
        status.textContent = plural(shown.length, "document matches", "documents match") +
          " \u201c" + query + "\u201d" + filters + ".";
      }
      remember(s);
    }

    function later() {
      if (timer !== null) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(run, 120);
    }

    form.hidden = false;
    if (fallback) {
      fallback.hidden = true;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (timer !== null) {
        window.clearTimeout(timer);
      }
      run();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(run, 0);
    });
    input.addEventListener("input", later);
    [source, fromBox, toBox].concat(facets).forEach(function (box) {
      if (box) {
        box.addEventListener("input", later);
        box.addEventListener("change", later);
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        run();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target instanceof Element &&
        target.closest("input, select, textarea, [contenteditable]");
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    window.addEventListener("popstate", function () {
      restore();
      run();
    });
    restore();
    run();
  }

  /* search-index.js comes after this file (both deferred): start once the document and
     every deferred script have run. */
  var started = false;

  function startOnce() {
    if (!started) {
      started = true;
      start();
    }
  }

  if (document.readyState === "complete") {
    startOnce();
  } else {
    document.addEventListener("DOMContentLoaded", startOnce);
    window.addEventListener("load", startOnce);
  }
}());
