/* sentier search: queries the static index the build wrote under the language's search/
   folder, entirely in the browser. index.json first (facets, families, positions), then
   the text shards of the typed words and the cards of the results on screen.

   The state lives in the URL with Geotrek-rando v3's parameter names and ids:
   practices=4,5&difficulty=1,2&text=lac&beginDate=2026-06-01&page=2.
   Words are folded and split exactly as the build does (src/assets/search/text.rs).
   Text from the data is always set as text (textContent), never parsed as HTML. */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  var dataElement = document.getElementById("map-data");
  if (!root || !dataElement || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var config = JSON.parse(dataElement.textContent);
  var strings = config.strings || {};
  var base = config.index;
  var form = root.querySelector("[data-search-form]");
  var input = form.querySelector("input[name=text]");
  var filtersBox = root.querySelector("[data-search-filters]");
  var countElement = root.querySelector("[data-search-count]");
  var countLabel = root.querySelector("[data-search-count-label]");
  var familiesBox = root.querySelector("[data-search-families]");
  var resultsBox = root.querySelector("[data-search-results]");
  var pagesBox = root.querySelector("[data-search-pages]");
  root.querySelector("[data-search-fallback]").hidden = true;
  // Filters fold away on small screens, where they would push the results down.
  if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    root.querySelector("[data-search-filters-box]").open = true;
  }

  var FIXED = ["text", "beginDate", "endDate", "page"];
  var SHARD_PREFIX = 3;
  var index = null;
  var facets = [];
  var facetByKey = {};
  var shardNames = null;
  var shards = {};
  var chunks = {};
  var state = readUrl();
  // The pending update of the text filter while a word is being typed, if any.
  var typing = null;
  function stopTyping() {
    clearTimeout(typing);
    typing = null;
  }
  var run = 0;
  var firstResults = true;

  function t(key, n) {
    var text = strings[key] || key;
    return n === undefined ? text : text.replace("{n}", String(n));
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": HTTP " + response.status);
      }
      return response.json();
    });
  }

  // ---- words: the same folding and splitting as the build ----
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss");
  }

  function words(text) {
    return fold(text)
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(function (word) { return Array.from(word).length >= 2; });
  }

  function shardName(word) {
    var prefix = Array.from(word).slice(0, SHARD_PREFIX).join("");
    if (/^[a-z0-9]+$/.test(prefix)) {
      return prefix;
    }
    var hex = "";
    new TextEncoder().encode(prefix).forEach(function (byte) {
      hex += (byte < 16 ? "0" : "") + byte.toString(16);
    });
    return "x" + hex;
  }

  function shard(name) {
    if (!shardNames.has(name)) {
      return Promise.resolve({});
    }
    if (!shards[name]) {
      shards[name] = json(base + "text/" + name + ".json");
    }
    return shards[name];
  }

  // Doc → score for every typed word, or null when no word is typed. Words of three letters
  // or more also match as prefixes (typing "eta" finds "etang") and lose up to two final
  // letters (plurals), at half the score. There is no stemming.
  function textScores(text) {
    var terms = words(text);
    if (terms.length === 0) {
      return Promise.resolve(null);
    }
    return Promise.all(terms.map(function (term) {
      return shard(shardName(term)).then(function (entries) {
        var prefix = Array.from(term).length >= SHARD_PREFIX;
        var scores = new Map();
        Object.keys(entries).forEach(function (word) {
          var exact = word === term;
          // A plural typed for a singular indexed ("lacs", "étangs") still meets it.
          var plural = prefix && word.length >= SHARD_PREFIX && term.length - word.length <= 2 && term.indexOf(word) === 0;
          if (!exact && !plural && !(prefix && word.indexOf(term) === 0)) {
            return;
          }
          var postings = entries[word];
          var doc = 0;
          for (var i = 0; i < postings.length; i++) {
            doc += Math.floor(postings[i] / 8);
            var score = index.weights[postings[i] % 8] * (exact ? 2 : 1);
            if (!(scores.get(doc) >= score)) {
              scores.set(doc, score);
            }
          }
        });
        return scores;
      });
    })).then(function (perTerm) {
      perTerm.sort(function (a, b) { return a.size - b.size; });
      var total = new Map();
      perTerm[0].forEach(function (score, doc) {
        var sum = score;
        for (var i = 1; i < perTerm.length; i++) {
          var other = perTerm[i].get(doc);
          if (other === undefined) {
            return;
          }
          sum += other;
        }
        total.set(doc, sum);
      });
      return total;
    });
  }

  // ---- the URL ----
  function readUrl() {
    var params = new URLSearchParams(location.search);
    var selected = {};
    params.forEach(function (value, key) {
      if (FIXED.indexOf(key) < 0) {
        var ids = value.split(",").filter(Boolean);
        if (ids.length) {
          selected[key] = ids;
        }
      }
    });
    var page = parseInt(params.get("page") || "1", 10);
    return {
      facets: selected,
      text: params.get("text") || "",
      beginDate: params.get("beginDate") || "",
      endDate: params.get("endDate") || "",
      page: page > 0 ? page : 1
    };
  }

  function query() {
    var parts = [];
    var keys = facets.map(function (f) { return f.key; });
    // Parameters this site has no values for (an old site's filters) are kept as they came.
    Object.keys(state.facets).forEach(function (key) {
      if (keys.indexOf(key) < 0) {
        keys.push(key);
      }
    });
    keys.forEach(function (key) {
      var ids = state.facets[key];
      if (ids && ids.length) {
        parts.push(key + "=" + ids.map(encodeURIComponent).join(","));
      }
    });
    if (state.text) {
      parts.push("text=" + encodeURIComponent(state.text));
    }
    if (state.beginDate) {
      parts.push("beginDate=" + state.beginDate);
    }
    if (state.endDate) {
      parts.push("endDate=" + state.endDate);
    }
    if (state.page > 1) {
      parts.push("page=" + state.page);
    }
    return parts.length ? "?" + parts.join("&") : "";
  }

  function saveUrl(push) {
    var url = location.pathname + query();
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  // ---- filtering and counting ----
  // Groups of filters: a doc must pass every active group. Geotrek-rando's activity filters
  // (practices, categories, outdoorPractice, event) form one group, each picking its family.
  function activeGroups() {
    var groups = [];
    var activity = null;
    facets.forEach(function (facet) {
      var ids = state.facets[facet.key];
      if (!ids || !ids.length) {
        return;
      }
      var selected = new Set();
      ids.forEach(function (id) {
        if (facet.position.has(id)) {
          selected.add(facet.position.get(id));
        }
      });
      var activityFamily = index.activity.indexOf(facet.key);
      if (activityFamily >= 0) {
        if (!activity) {
          activity = { name: "activity", byFamily: {}, facets: [] };
          groups.push(activity);
        }
        activity.byFamily[activityFamily] = { facet: facet, selected: selected };
        activity.facets.push(facet.key);
        activity.passes = function (doc) {
          var pick = this.byFamily[index.family[doc]];
          return Boolean(pick) && pick.facet.docs[doc].some(function (v) { return pick.selected.has(v); });
        };
        return;
      }
      var exclude = facet.key === "labels_exclude";
      groups.push({
        name: facet.key,
        facets: [facet.key],
        passes: function (doc) {
          var has = facet.docs[doc].some(function (v) { return selected.has(v); });
          if (exclude) {
            return !has;
          }
          return facet.families.indexOf(index.family[doc]) >= 0 && has;
        }
      });
    });
    return groups;
  }

  function inDates(doc) {
    var dates = index.dates[doc];
    if (!dates || (!state.beginDate && !state.endDate)) {
      return true;
    }
    return (!state.beginDate || dates[1] >= state.beginDate) && (!state.endDate || dates[0] <= state.endDate);
  }

  function evaluate(scores) {
    var groups = activeGroups();
    var counts = {};
    facets.forEach(function (facet) {
      counts[facet.key] = new Array(facet.values.length).fill(0);
    });
    function count(doc, keys) {
      keys.forEach(function (key) {
        facetByKey[key].docs[doc].forEach(function (v) { counts[key][v] += 1; });
      });
    }
    var allKeys = facets.map(function (f) { return f.key; });
    var results = [];
    for (var doc = 0; doc < index.family.length; doc++) {
      if (scores && !scores.has(doc)) {
        continue;
      }
      if (!inDates(doc)) {
        continue;
      }
      var failed = null;
      var failures = 0;
      for (var g = 0; g < groups.length && failures < 2; g++) {
        if (!groups[g].passes(doc)) {
          failures += 1;
          failed = groups[g];
        }
      }
      if (failures === 0) {
        results.push(doc);
        count(doc, allKeys);
      } else if (failures === 1) {
        // Counted for its own group's values: choosing one of them would bring it in.
        count(doc, failed.facets);
      }
    }
    if (scores) {
      results.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    }
    return { results: results, counts: counts };
  }

  // ---- drawing ----
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function facetTitle(facet) {
    return facet.title || t("filter_" + facet.key.replace(/([A-Z])/g, "_$1").toLowerCase());
  }

  function buildFilters() {
    filtersBox.textContent = "";
    facets.forEach(function (facet) {
      var details = element("details", "search-facet");
      details.setAttribute("data-facet", facet.key);
      var summary = element("summary", null, facetTitle(facet));
      details.appendChild(summary);
      if (index.activity.indexOf(facet.key) >= 0 || (state.facets[facet.key] || []).length) {
        details.open = true;
      }
      if (facet.key === "difficulty") {
        details.appendChild(difficultyControl(facet));
      } else {
        var list = element("ul", "search-values");
        facet.values.forEach(function (value) {
          var item = element("li");
          var label = element("label");
          label.setAttribute("data-value", value[0]);
          var box = element("input");
          box.type = "checkbox";
          box.value = value[0];
          box.addEventListener("change", function () {
            var ids = (state.facets[facet.key] || []).filter(function (id) { return id !== value[0]; });
            if (box.checked) {
              ids.push(value[0]);
            }
            state.facets[facet.key] = ids;
            changed(true);
          });
          label.appendChild(box);
          label.appendChild(element("span", null, value[1]));
          label.appendChild(element("span", "count", "0"));
          item.appendChild(label);
          list.appendChild(item);
        });
        details.appendChild(list);
      }
      filtersBox.appendChild(details);
    });
    if (index.dates.some(Boolean)) {
      var dates = element("fieldset", "search-dates");
      dates.appendChild(element("legend", null, t("filter_dates")));
      [["beginDate", "search_begin_date"], ["endDate", "search_end_date"]].forEach(function (pair) {
        var label = element("label", null, t(pair[1]) + " ");
        var field = element("input");
        field.type = "date";
        field.name = pair[0];
        field.addEventListener("change", function () {
          state[pair[0]] = field.value;
          changed(true);
        });
        label.appendChild(field);
        dates.appendChild(label);
      });
      filtersBox.appendChild(dates);
    }
  }

  // Difficulty is chosen as a range of levels; the URL lists the ids inside it.
  function difficultyControl(facet) {
    var box = element("div", "search-range");
    ["min", "max"].forEach(function (end) {
      var label = element("label", null, t("search_difficulty_" + end) + " ");
      var select = element("select");
      select.setAttribute("data-difficulty", end);
      var any = element("option", null, t("search_any"));
      any.value = "";
      select.appendChild(any);
      facet.values.forEach(function (value) {
        var option = element("option", null, value[1]);
        option.value = value[0];
        option.setAttribute("data-value", value[0]);
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        var selects = box.querySelectorAll("select");
        var ids = facet.values.map(function (v) { return v[0]; });
        var from = selects[0].value ? ids.indexOf(selects[0].value) : 0;
        var to = selects[1].value ? ids.indexOf(selects[1].value) : ids.length - 1;
        state.facets.difficulty = selects[0].value || selects[1].value ? ids.slice(Math.min(from, to), Math.max(from, to) + 1) : [];
        changed(true);
      });
      label.appendChild(select);
      box.appendChild(label);
    });
    return box;
  }

  function syncFilters(counts) {
    // Results of an earlier text may arrive while more is typed: the field then holds what the
    // state does not have yet, and setting it would drop those keystrokes.
    if (typing === null) {
      input.value = state.text;
    }
    facets.forEach(function (facet) {
      var details = filtersBox.querySelector('[data-facet="' + facet.key + '"]');
      var chosen = state.facets[facet.key] || [];
      // A filter the site hides ([search] hidden_filters) shows while the URL selects it.
      details.hidden = Boolean(facet.hidden) && !chosen.length;
      facet.values.forEach(function (value, i) {
        var node = details.querySelector('[data-value="' + CSS.escape(value[0]) + '"]');
        node.setAttribute("data-count", String(counts[facet.key][i]));
        if (node.tagName === "OPTION") {
          node.textContent = value[1] + " (" + counts[facet.key][i] + ")";
        } else {
          node.querySelector(".count").textContent = String(counts[facet.key][i]);
          node.querySelector("input").checked = chosen.indexOf(value[0]) >= 0;
        }
      });
      if (facet.key === "difficulty") {
        var selects = details.querySelectorAll("select");
        var inRange = facet.values.map(function (v) { return v[0]; }).filter(function (id) { return chosen.indexOf(id) >= 0; });
        selects[0].value = inRange.length ? inRange[0] : "";
        selects[1].value = inRange.length ? inRange[inRange.length - 1] : "";
      }
    });
    filtersBox.querySelectorAll("input[type=date]").forEach(function (field) {
      field.value = state[field.name];
    });
  }

  function card(doc) {
    var n = Math.floor(doc / index.chunk);
    if (!chunks[n]) {
      chunks[n] = json(base + "cards/" + n + ".json");
    }
    return chunks[n].then(function (cards) { return cards[doc % index.chunk]; });
  }

  function cardElement(doc, data) {
    var article = element("article", "card card-" + index.families[index.family[doc]]);
    var frame = element("div", "frame");
    frame.setAttribute("aria-hidden", "true");
    if (data.r) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("class", "card-route");
      svg.setAttribute("viewBox", "0 0 100 100");
      svg.setAttribute("width", "48");
      svg.setAttribute("height", "48");
      var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", data.r);
      svg.appendChild(path);
      frame.appendChild(svg);
    }
    if (data.i) {
      var img = element("img");
      img.src = data.i;
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
      img.width = 400;
      img.height = 267;
      frame.appendChild(img);
    }
    article.appendChild(frame);
    var body = element("div", "card-body");
    var title = element("h2", "card-title");
    var link = element("a", null, data.n);
    link.href = data.u;
    if (data.nl) {
      link.lang = data.nl;
    }
    title.appendChild(link);
    body.appendChild(title);
    if (data.s) {
      body.appendChild(element("p", "card-subtitle", data.s));
    }
    if (data.t) {
      body.appendChild(element("p", "card-dates", data.t));
    }
    var facts = [["d", "duration"], ["l", "length"], ["a", "ascent"], ["x", "difficulty"]].filter(function (f) { return data[f[0]]; });
    if (facts.length) {
      var list = element("ul", "card-facts");
      facts.forEach(function (f) {
        var item = element("li");
        item.appendChild(element("span", "visually-hidden", t(f[1]) + ": "));
        item.appendChild(document.createTextNode(data[f[0]]));
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    if (data.c) {
      body.appendChild(element("p", "card-city", data.c));
    }
    article.appendChild(body);
    return article;
  }

  function drawFamilies(results) {
    familiesBox.textContent = "";
    var perFamily = index.families.map(function () { return 0; });
    results.forEach(function (doc) { perFamily[index.family[doc]] += 1; });
    index.families.forEach(function (family, i) {
      if (!index.family.some(function (f) { return f === i; })) {
        return;
      }
      var item = element("li", null);
      item.setAttribute("data-family", family);
      item.appendChild(element("span", null, t("list_" + family.replace(/-/g, "_")) + " "));
      item.appendChild(element("span", "count", String(perFamily[i])));
      familiesBox.appendChild(item);
    });
  }

  function drawPages(total) {
    var count = Math.max(1, Math.ceil(total / index.page_size));
    pagesBox.textContent = "";
    pagesBox.hidden = count < 2;
    if (count < 2) {
      return;
    }
    var list = element("ul");
    function add(label, page, current) {
      var item = element("li");
      var button = element("button", null, label);
      button.type = "button";
      if (current) {
        button.setAttribute("aria-current", "page");
      }
      button.addEventListener("click", function () {
        state.page = page;
        changed(true, true);
        root.scrollIntoView();
      });
      item.appendChild(button);
      list.appendChild(item);
    }
    if (state.page > 1) {
      add(t("previous_page"), state.page - 1, false);
    }
    for (var page = 1; page <= count; page++) {
      if (page === 1 || page === count || Math.abs(page - state.page) <= 2) {
        add(String(page), page, page === state.page);
      }
    }
    if (state.page < count) {
      add(t("next_page"), state.page + 1, false);
    }
    pagesBox.appendChild(list);
  }

  function publish(results) {
    var detail = {
      points: [],
      treks: [],
      card: card
    };
    results.forEach(function (doc) {
      var at = index.at[doc];
      if (at) {
        detail.points.push({ at: at, doc: doc });
      }
      if (index.families[index.family[doc]] === "trek") {
        detail.treks.push(index.ids[doc]);
      }
    });
    window.sentierSearchResults = detail;
    document.dispatchEvent(new CustomEvent("sentier:results", { detail: detail }));
  }

  function show() {
    var current = ++run;
    root.setAttribute("aria-busy", "true");
    return textScores(state.text).then(function (scores) {
      if (current !== run) {
        return null;
      }
      var found = evaluate(scores);
      var pages = Math.max(1, Math.ceil(found.results.length / index.page_size));
      if (state.page > pages) {
        state.page = pages;
      }
      var start = (state.page - 1) * index.page_size;
      var shown = found.results.slice(start, start + index.page_size);
      return Promise.all(shown.map(card)).then(function (cards) {
        if (current !== run) {
          return;
        }
        syncFilters(found.counts);
        countElement.textContent = String(found.results.length);
        countLabel.textContent = t(found.results.length === 1 ? "search_result" : "search_results");
        drawFamilies(found.results);
        resultsBox.textContent = "";
        if (shown.length === 0) {
          resultsBox.appendChild(element("p", "search-empty", t("search_no_results")));
        } else {
          var list = element("ul", "cards");
          shown.forEach(function (doc, i) {
            var item = element("li");
            item.appendChild(cardElement(doc, cards[i]));
            list.appendChild(item);
          });
          resultsBox.appendChild(list);
        }
        drawPages(found.results.length);
        publish(found.results);
        root.removeAttribute("aria-busy");
        root.setAttribute("data-search-rendered", query());
        if (firstResults) {
          firstResults = false;
          if (performance.mark) {
            performance.mark("sentier-search-results");
          }
        }
      });
    }).catch(function (error) {
      root.removeAttribute("aria-busy");
      root.setAttribute("data-search-failed", String(error));
      resultsBox.textContent = "";
      resultsBox.appendChild(element("p", "search-empty", t("search_failed")));
    });
  }

  function changed(push, keepPage) {
    if (!keepPage) {
      state.page = 1;
    }
    saveUrl(push);
    show();
  }

  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      typing = null;
      var pushing = !state.text;
      state.text = input.value.trim();
      changed(pushing);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stopTyping();
    state.text = input.value.trim();
    changed(true);
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    stopTyping();
    state = { facets: {}, text: "", beginDate: "", endDate: "", page: 1 };
    changed(true);
  });
  window.addEventListener("popstate", function () {
    stopTyping();
    state = readUrl();
    show();
  });

  json(base + "index.json")
    .then(function (data) {
      index = data;
      facets = data.facets;
      facets.forEach(function (facet) {
        facet.position = new Map();
        facet.values.forEach(function (value, i) { facet.position.set(value[0], i); });
        facetByKey[facet.key] = facet;
      });
      shardNames = new Set(data.shards);
      buildFilters();
      // One spelling per state, so the URL of a result list is the same however it was reached.
      saveUrl(false);
      return show();
    })
    .catch(function (error) {
      root.setAttribute("data-search-failed", String(error));
      resultsBox.appendChild(element("p", "search-empty", t("search_failed")));
    });
})();
