// briefgen search: type-ahead in every page's search box, full results on /search/.
// Reads the static index under search/ (README "Search"). Plain JavaScript, no dependency.
// Index text (titles, snippets) comes from articles, which are untrusted: it is only ever
// inserted as text nodes, never as HTML.
(function () {
  "use strict";
  var box = document.querySelector("form.site-search");
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var root = new URL(box.getAttribute("action"), document.baseURI);
  var base = root.pathname.replace(/search\/$/, "");
  var input = box.querySelector("input[name=q]");
  var list = box.querySelector(".search-list");
  var kindNames = (box.getAttribute("data-kinds") || "").split("|");
  var files = {};
  var manifest = null;

  // Terms as the build makes them (SearchTokenizer): letters, digits and marks make words;
  // decomposed, marks removed, lower-cased; words of one character left out.
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  function fold(word) { return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  function length(text) { return Array.from(text).length; }
  function terms(text) {
    var out = [];
    (text.match(WORD) || []).forEach(function (word) {
      var term = fold(word);
      if (length(term) > 1 && out.indexOf(term) < 0) out.push(term);
    });
    return out;
  }
  function key(term, n) {
    return Array.from(term).slice(0, n).map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_"; }).join("");
  }
  function shardOf(term) {
    var k = key(term, 1);
    var n = length(term);
    while (manifest.splits.has(k) && n > k.length) k = key(term, k.length + 1);
    return k;
  }

  function get(path) {
    if (!files[path]) {
      files[path] = fetch(root.href + path, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return files[path];
  }
  function loadManifest() {
    return get("index.json").then(function (m) {
      if (!m) return null;
      if (!manifest) {
        manifest = { kinds: m.k, splits: new Set(m.s), actorBuckets: m.ab[0], actors: m.a };
      }
      return manifest;
    });
  }

  // Postings: [T, title numbers…, body numbers…], each list as differences.
  function decode(list) {
    var title = [], body = [], last = 0, i;
    for (i = 1; i <= list[0]; i++) { last += list[i]; title.push(last); }
    for (last = 0; i < list.length; i++) { last += list[i]; body.push(last); }
    return { title: title, body: body };
  }
  function deltas(list) {
    var out = [], last = 0;
    list.forEach(function (d) { last += d; out.push(last); });
    return out;
  }

  // A query: every word must match (the last one as a prefix too, while it is being typed);
  // a match in a title, name or alias weighs ten times one in the text.
  function query(text, filters) {
    var words = terms(text);
    if (!words.length) return Promise.resolve({ words: [], prefix: false, hits: [] });
    var open = /[\p{L}\p{N}\p{M}]$/u.test(text);
    return loadManifest().then(function (m) {
      if (!m) return { words: words, prefix: false, hits: [] };
      var prefix = open && length(words[words.length - 1]) >= 3;
      return Promise.all(words.map(function (word, i) {
        return get("t/" + shardOf(word) + ".json").then(function (shard) {
          var scores = new Map();
          function add(numbers, weight) {
            numbers.forEach(function (n) { if ((scores.get(n) || 0) < weight) scores.set(n, weight); });
          }
          if (!shard) return scores;
          if (Object.prototype.hasOwnProperty.call(shard, word)) {
            var exact = decode(shard[word]);
            add(exact.title, 10); add(exact.body, 1);
          }
          if (prefix && i === words.length - 1) {
            Object.keys(shard).forEach(function (term) {
              if (term !== word && term.lastIndexOf(word, 0) === 0) {
                var p = decode(shard[term]);
                add(p.title, 6); add(p.body, 0.6);
              }
            });
          }
          return scores;
        });
      })).then(function (perWord) {
        var total = perWord[0];
        for (var i = 1; i < perWord.length; i++) {
          var next = new Map();
          total.forEach(function (score, n) { if (perWord[i].has(n)) next.set(n, score + perWord[i].get(n)); });
          total = next;
        }
        return applyFilters(total, filters || {});
      }).then(function (total) {
        var hits = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
          .map(function (e) { return e[0]; });
        return { words: words, prefix: prefix, hits: hits };
      });
    });
  }

  function applyFilters(scores, filters) {
    var steps = [];
    if (filters.kind) {
      var k = manifest.kinds.findIndex(function (kind) { return kind[0] === filters.kind; });
      scores.forEach(function (_, n) { if ((n >> 24) !== k) scores.delete(n); });
    }
    if (filters.actor) {
      var actor = manifest.actors.find(function (a) { return a[1] === filters.actor; });
      steps.push(actor ? get("a/" + (actor[0] % manifest.actorBuckets) + ".json").then(function (bucket) {
        var keep = new Set(bucket && bucket[actor[0]] ? deltas(bucket[actor[0]]) : []);
        keep.add(actor[0]);
        scores.forEach(function (_, n) { if (!keep.has(n)) scores.delete(n); });
      }) : Promise.resolve(scores.clear()));
    }
    if (filters.from || filters.to) {
      steps.push(get("dates.json").then(function (dates) {
        var byNumber = new Map();
        if (dates) deltas(dates.n).forEach(function (n, i) { byNumber.set(n, dates.d[i]); });
        var from = filters.from || "0000", to = filters.to || "9999";
        scores.forEach(function (_, n) {
          var d = byNumber.get(n);
          // A date known to the month or year covers all of it.
          if (!d || (d + "-99-99").slice(0, 10) < from || d.slice(0, 10) > to) scores.delete(n);
        });
      }));
    }
    return Promise.all(steps).then(function () { return scores; });
  }

  // What a result shows: [kind index, folder, slug, title, date].
  function describe(numbers) {
    return Promise.all(numbers.map(function (n) {
      var kind = manifest.kinds[n >> 24], slot = n & 0xffffff;
      return get("d/" + (n >> 24) + "-" + (slot >> (kind[1] - kind[2])) + ".json").then(function (table) {
        var row = table && table[n];
        if (!row) return null;
        return { number: n, kind: n >> 24, url: base + kind[0] + "/" + row[0] + "/", title: row[1], date: row[2] };
      });
    })).then(function (rows) { return rows.filter(Boolean); });
  }
  function text(n) {
    var kind = manifest.kinds[n >> 24], slot = n & 0xffffff;
    return get("x/" + (n >> 24) + "-" + (slot >> (kind[1] - kind[3])) + ".json").then(function (shard) {
      return (shard && shard[n]) || "";
    });
  }

  // Text with the query's words marked, as DOM nodes (never HTML).
  function matches(word, words, prefix) {
    var term = fold(word);
    return words.some(function (w, i) {
      return term === w || (prefix && i === words.length - 1 && term.lastIndexOf(w, 0) === 0);
    });
  }
  function marked(value, words, prefix) {
    var fragment = document.createDocumentFragment(), last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(value))) {
      if (!matches(m[0], words, prefix)) continue;
      if (m.index > last) fragment.appendChild(document.createTextNode(value.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      fragment.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < value.length) fragment.appendChild(document.createTextNode(value.slice(last)));
    return fragment;
  }
  // About 30 words around the first match in the text, or its beginning.
  function snippet(value, words, prefix) {
    var spans = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(value))) spans.push([m.index, m.index + m[0].length, m[0]]);
    var at = spans.findIndex(function (s) { return matches(s[2], words, prefix); });
    var first = Math.max(0, (at < 0 ? 0 : at) - 10), end = Math.min(spans.length, first + 30);
    if (!spans.length) return "";
    return (first > 0 ? "… " : "") + value.slice(spans[first][0], spans[end - 1][1]) + (end < spans.length ? " …" : "");
  }
  function element(name, className, child) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (typeof child === "string") e.textContent = child; else if (child) e.appendChild(child);
    return e;
  }
  function count(n) {
    var one = document.documentElement.lang.slice(0, 2) === "fr" ? n <= 1 : n === 1;
    return (box.getAttribute(one ? "data-one" : "data-other") || "{n}").replace("{n}", String(n));
  }
  function searchURL(q) { return root.pathname + "?q=" + encodeURIComponent(q); }

  // The type-ahead: a combobox (the ARIA 1.1 pattern: a box holding the text field and owning
  // the listbox) over a listbox of the best eight results and a last option for all results.
  var combo = box.querySelector(".search-combo");
  combo.setAttribute("role", "combobox");
  combo.setAttribute("aria-haspopup", "listbox");
  combo.setAttribute("aria-owns", list.id);
  combo.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  var options = [], active = -1, generation = 0, timer = null;

  function close() {
    list.hidden = true;
    combo.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function select(i) {
    if (!options.length) return;
    active = (i + options.length) % options.length;
    options.forEach(function (o, j) { o.element.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[active].element.id);
    options[active].element.scrollIntoView({ block: "nearest" });
  }
  function option(content, href, className) {
    var li = element("li", className, null);
    li.id = "site-search-option-" + options.length;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.appendChild(content);
    li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = href; });
    options.push({ element: li, href: href });
    list.appendChild(li);
  }
  function update() {
    var q = input.value, mine = ++generation;
    if (!terms(q).length) { close(); return; }
    query(q).then(function (result) {
      return describe(result.hits.slice(0, 8)).then(function (rows) {
        if (mine !== generation) return;
        list.textContent = "";
        options = [];
        active = -1;
        input.removeAttribute("aria-activedescendant");
        rows.forEach(function (row) {
          var content = document.createDocumentFragment();
          content.appendChild(element("span", "hit-kind", kindNames[row.kind] || ""));
          content.appendChild(element("span", "hit-title", marked(row.title, result.words, result.prefix)));
          if (row.date) content.appendChild(element("span", "hit-date", row.date));
          option(content, row.url, "hit");
        });
        if (!rows.length) {
          var none = element("li", "none", box.getAttribute("data-none") || "");
          none.setAttribute("role", "presentation");
          list.appendChild(none);
        }
        option(document.createTextNode((box.getAttribute("data-all") || "{q}").replace("{q}", q.trim())), searchURL(q.trim()), "all");
        list.hidden = false;
        combo.setAttribute("aria-expanded", "true");
      });
    });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 80); });
  input.addEventListener("focus", function () { loadManifest(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) { update(); return; }
      event.preventDefault();
      select(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].href;
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });

  // The /search/ page: the query and filters from the URL, results twenty at a time.
  var page = document.querySelector("form.search-page");
  if (!page) return;
  var params = new URLSearchParams(window.location.search);
  var filters = { kind: params.get("kind") || "", actor: params.get("actor") || "", from: params.get("from") || "", to: params.get("to") || "" };
  var q = params.get("q") || "";
  page.elements.q.value = q;
  ["kind", "from", "to"].forEach(function (name) { page.elements[name].value = filters[name]; });
  page.querySelector(".search-filters").hidden = false;
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  loadManifest().then(function (m) {
    if (!m) return;
    m.actors.forEach(function (a) {
      var o = element("option", null, a[2]);
      o.value = a[1];
      page.elements.actor.appendChild(o);
    });
    page.elements.actor.value = filters.actor;
  });
  Array.prototype.forEach.call(page.querySelectorAll("select, input[type=date]"), function (control) {
    control.addEventListener("change", function () { if (page.elements.q.value.trim()) page.submit(); });
  });
  if (!terms(q).length) return;
  query(q + " ", filters).then(function (result) {
    status.textContent = count(result.hits.length);
    var shown = 0;
    function show() {
      var batch = result.hits.slice(shown, shown + 20);
      shown += batch.length;
      more.hidden = shown >= result.hits.length;
      return describe(batch).then(function (rows) {
        return Promise.all(rows.map(function (row) { return text(row.number).then(function (t) { row.text = t; return row; }); }));
      }).then(function (rows) {
        rows.forEach(function (row) {
          var li = element("li", null, null);
          var link = element("a", "hit-title", marked(row.title, result.words, false));
          link.href = row.url;
          li.appendChild(link);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(element("span", "hit-kind", kindNames[row.kind] || ""));
          if (row.date) li.appendChild(element("span", "hit-date", row.date));
          var excerpt = snippet(row.text, result.words, false);
          if (excerpt) li.appendChild(element("p", null, marked(excerpt, result.words, false)));
          results.appendChild(li);
        });
      });
    }
    more.addEventListener("click", function () {
      var first = results.children.length;
      show().then(function () { var next = results.children[first]; if (next) next.querySelector("a").focus(); });
    });
    return show();
  });
})();
