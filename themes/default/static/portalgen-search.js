/* portalgen search: reads the static index written by portalgen/search.py (same folding rules and
   term hash) and fetches only the shards a query needs. No inline code, no external resources. */
(function () {
  "use strict";
  var form = document.querySelector(".pg-search");
  if (!form || !window.fetch || !window.TextEncoder) { return; }
  var strings = JSON.parse(document.getElementById(form.getAttribute("data-strings")).textContent);
  var base = form.getAttribute("data-index");
  var input = form.querySelector("#q");
  var kindSelect = form.querySelector("#loai");
  var unitSelect = form.querySelector("#don-vi");
  var sortSelect = form.querySelector("#sap-xep");
  var facetSelects = Array.prototype.slice.call(form.querySelectorAll("[data-facet]"));
  var statusBox = document.querySelector(".pg-search__status");
  var list = document.querySelector(".pg-search__results");
  var moreWrap = document.querySelector(".pg-search__more-wrap");
  var moreButton = document.querySelector(".pg-search__more");
  var widen = document.querySelector("[data-widen]");
  var PAGE = 10;
  var loaded = {};
  var current = null;

  document.documentElement.classList.add("pg-js");
  form.querySelector(".pg-search__filters").classList.add("pg-ready");

  function get(path) {
    if (!loaded[path]) {
      loaded[path] = fetch(base + path).then(function (response) {
        if (!response.ok) { throw new Error(path); }
        return response.json();
      });
    }
    return loaded[path];
  }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) { return fold(text).match(/[a-z0-9]+/g) || []; }
  function tonedWords(text) {
    var found = text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
    return found.filter(function (word) { var f = fold(word); return f !== word && /^[a-z0-9]+$/.test(f); });
  }
  var NUMBER = /\b\d+[A-Za-z0-9]*(?:[\/\-.][0-9A-Za-zÀ-ỹĐđ]+)*\/[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ\/\-.]*/g;
  function numbers(text) {
    return (text.match(NUMBER) || []).map(function (n) { return "#" + fold(n).replace(/[.\-\/]+$/, ""); });
  }
  function hash(term) {
    var bytes = new TextEncoder().encode(term), value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i += 1) { value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0; }
    return value;
  }

  function postings(meta, term) {
    return get("t/" + (hash(term) % meta.termShards) + ".json").then(function (shard) {
      var flat = shard[term] || [], result = new Map(), doc = 0;
      for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; result.set(doc, flat[i + 1]); }
      return result;
    });
  }

  function unique(list) { return Array.from(new Set(list)); }
  /* Neighbouring words as the index holds them: a phrase ranks above the same words scattered. */
  function pairs(list) { return list.slice(1).map(function (word, i) { return list[i] + " " + word; }); }
  var PHRASE = 1;

  /* Documents having any of the terms, scored by the term scores weighted by rarity, times the
     square of the share of terms they have: a document with every word comes first. */
  function matchAll(meta, terms, byTerm) {
    if (!terms.length) { return null; }
    var scores = new Map(), counts = new Map();
    terms.forEach(function (term) {
      var map = byTerm[term], idf = Math.log(1 + meta.count / Math.max(1, meta.common[term] || map.size));
      map.forEach(function (score, doc) {
        scores.set(doc, (scores.get(doc) || 0) + score * idf);
        counts.set(doc, (counts.get(doc) || 0) + 1);
      });
    });
    scores.forEach(function (score, doc) {
      var share = counts.get(doc) / terms.length;
      scores.set(doc, score * share * share);
    });
    return scores;
  }

  function search(meta, o) {
    var numberTerms = unique(numbers(o.q));
    var rest = o.q.replace(NUMBER, " ");
    var wordTerms = unique(words(rest));
    var pairTerms = unique(pairs(words(rest)));
    var numberWords = unique(words(o.q));
    var toned = unique(tonedWords(rest)).map(function (word) { return "=" + word; });
    var filters = [];
    if (o.kind) { filters.push("@k:" + o.kind); }
    if (o.unit !== "") { filters.push("@u:" + o.unit); }
    Object.keys(o.facets).forEach(function (key) { if (o.facets[key]) { filters.push("@" + key + ":" + o.facets[key]); } });
    var all = unique([].concat(numberTerms, wordTerms, pairTerms, numberWords, toned, filters));
    return Promise.all(all.map(function (term) { return postings(meta, term); })).then(function (maps) {
      var byTerm = {};
      all.forEach(function (term, i) { byTerm[term] = maps[i]; });
      var exact = new Map();
      numberTerms.forEach(function (term) { byTerm[term].forEach(function (s, doc) { exact.set(doc, 1000); }); });
      var found;
      if (exact.size) {
        var also = matchAll(meta, wordTerms, byTerm);
        found = new Map();
        exact.forEach(function (bonus, doc) {
          if (!also || also.has(doc)) { found.set(doc, bonus + (also ? also.get(doc) : 0)); }
        });
        if (!found.size) { found = exact; }
      } else if (numberTerms.length) {
        found = matchAll(meta, numberWords, byTerm);   /* the number is not indexed whole: try its parts */
      } else {
        found = matchAll(meta, wordTerms, byTerm);
      }
      var filterMaps = filters.map(function (term) { return byTerm[term]; });
      if (found === null) {
        found = new Map();
        if (filterMaps.length) { filterMaps[0].forEach(function (s, doc) { found.set(doc, 0); }); }
      }
      filterMaps.forEach(function (map) { found.forEach(function (s, doc) { if (!map.has(doc)) { found.delete(doc); } }); });
      pairTerms.forEach(function (term) {
        var idf = Math.log(1 + meta.count / Math.max(1, meta.common[term] || byTerm[term].size));
        byTerm[term].forEach(function (score, doc) {
          if (found.has(doc)) { found.set(doc, found.get(doc) + PHRASE * score * idf); }
        });
      });
      toned.forEach(function (term) {
        byTerm[term].forEach(function (score, doc) { if (found.has(doc)) { found.set(doc, found.get(doc) * 1.5 + score); } });
      });
      var ids = Array.from(found.keys());
      // Items are numbered from the oldest: a higher number is a newer item.
      if (o.sort === "moi") { ids.sort(function (a, b) { return b - a; }); }
      else { ids.sort(function (a, b) { return (found.get(b) - found.get(a)) || (b - a); }); }
      var asked = words(o.q);
      return { ids: ids, highlight: new Set(asked), pairs: new Set(pairs(asked)) };
    });
  }

  function formatDate(iso) {
    var parts = iso.split("-");
    return parts.length === 3 ? parts[2] + "/" + parts[1] + "/" + parts[0] : "";
  }

  /* The passage to show of a result: of its summary and the passages of its text and attachments,
     the one with most of the query's words (a pair of neighbouring words counts twice more). */
  function excerpt(summary, passages, found) {
    var best = summary, bestScore = 0;
    [summary].concat(passages || []).forEach(function (text) {
      var these = words(text), score = unique(these).filter(function (w) { return found.highlight.has(w); }).length;
      score += 2 * unique(pairs(these)).filter(function (p) { return found.pairs.has(p); }).length;
      if (score > bestScore) { best = text; bestScore = score; }
    });
    return best;
  }

  /* Only the words themselves are marked, never the punctuation beside them. */
  function highlighted(text, highlight) {
    var fragment = document.createDocumentFragment();
    text.split(/([\p{L}\p{M}\p{N}]+)/u).forEach(function (piece) {
      var key = (words(piece)[0] || "");
      if (key && highlight.has(key)) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    return fragment;
  }

  function unitNames(meta, units) {
    if (!Array.isArray(units)) { return meta.units[units]; }
    var names = units.slice(0, 3).map(function (n) { return meta.units[n]; }).join(", ");
    return units.length > 3 ? names + " " + strings.search_other_units.replace("{n}", units.length - 3) : names;
  }

  function renderMore(meta) {
    var start = current.shown, slice = current.ids.slice(start, start + PAGE);
    var shards = unique(slice.map(function (id) { return "d/" + Math.floor(id / meta.docsPerShard); }).concat(
      slice.map(function (id) { return "x/" + Math.floor(id / meta.textsPerShard); })));
    return Promise.all(shards.map(function (n) { return get(n + ".json"); })).then(function (blocks) {
      var byShard = {};
      shards.forEach(function (n, i) { byShard[n] = blocks[i]; });
      slice.forEach(function (id) {
        var doc = byShard["d/" + Math.floor(id / meta.docsPerShard)][id % meta.docsPerShard];
        var passages = byShard["x/" + Math.floor(id / meta.textsPerShard)][id % meta.textsPerShard];
        var item = document.createElement("li");
        item.className = "pg-result";
        var info = document.createElement("p");
        info.className = "pg-result__meta";
        info.textContent = [strings["kind_" + doc[0]], unitNames(meta, doc[1]), doc[4] ? formatDate(doc[4]) : ""]
          .filter(Boolean).join(" · ");
        var heading = document.createElement("h2");
        heading.className = "pg-result__title";
        var link = document.createElement("a");
        link.href = doc[3];
        link.appendChild(highlighted(doc[2], current.highlight));
        heading.appendChild(link);
        var text = document.createElement("p");
        text.appendChild(highlighted(excerpt(doc[5], passages, current), current.highlight));
        item.appendChild(heading);
        item.appendChild(info);
        item.appendChild(text);
        list.appendChild(item);
      });
      current.shown += slice.length;
      moreWrap.hidden = current.shown >= current.ids.length;
    });
  }

  function options() {
    var facets = {};
    facetSelects.forEach(function (select) { facets[select.getAttribute("data-facet")] = select.value; });
    return { q: input.value.trim(), kind: kindSelect.value, unit: unitSelect ? unitSelect.value : "",
             sort: sortSelect.value, facets: facets };
  }

  function showDocumentFilters() {
    facetSelects.forEach(function (select) {
      select.parentNode.hidden = !(kindSelect.value === "document" || select.value);
    });
  }

  function run(meta) {
    var chosen = options();
    showDocumentFilters();
    if (widen) {
      widen.parentNode.classList.toggle("pg-ready", !!chosen.q);
      widen.search = chosen.q ? "?q=" + encodeURIComponent(chosen.q) : "";
    }
    list.textContent = "";
    moreWrap.hidden = true;
    var filtered = chosen.kind || chosen.unit !== "" || facetSelects.some(function (s) { return s.value; });
    if (!chosen.q && !filtered) { statusBox.textContent = ""; return Promise.resolve(); }
    statusBox.textContent = strings.search_loading;
    return search(meta, chosen).then(function (found) {
      current = { ids: found.ids, highlight: found.highlight, pairs: found.pairs, shown: 0 };
      statusBox.textContent = found.ids.length ? strings.search_found.replace("{n}", found.ids.length)
        : strings.search_none;
      return renderMore(meta);
    });
  }

  function fail() { statusBox.textContent = strings.search_error; }

  get("meta.json").then(function (meta) {
    facetSelects.forEach(function (select) {
      (meta.facets[select.getAttribute("data-facet")] || []).forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
    });
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    [kindSelect, unitSelect, sortSelect].concat(facetSelects).forEach(function (select) {
      if (select && params.get(select.name)) { select.value = params.get(select.name); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (element) {
        if (element.name && element.value) { query.set(element.name, element.value); }
      });
      window.history.replaceState(null, "", "?" + query.toString());
      run(meta).catch(fail);
    });
    [kindSelect, unitSelect, sortSelect].concat(facetSelects).forEach(function (select) {
      if (select) { select.addEventListener("change", function () { form.requestSubmit(); }); }
    });
    moreButton.addEventListener("click", function () { renderMore(meta).catch(fail); });
    return run(meta);
  }).catch(fail);
})();
