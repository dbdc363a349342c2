/* Tables of the site: a visible cue where a table is wider than its box, and comparisons whose
 * reader picks the columns (kept in the address, e.g. ?states=VA,MI, so a comparison can be
 * shared). The marks of what differs are redone for the columns picked, by the rule of
 * side_by_side.py: a cell differs when its published values are not those most columns share.
 * Without this script every column shows, marked against all the others. */
(function () {
  "use strict";

  function showScrollCues(root) {
    root.querySelectorAll(".imh-table-scroll").forEach(function (box) {
      var cue = box.previousElementSibling;
      if (!cue || !cue.classList.contains("imh-scroll-cue")) {
        cue = document.createElement("p");
        cue.className = "imh-scroll-cue";
        cue.textContent = "Scroll the table sideways to see every column →";
        box.parentNode.insertBefore(cue, box);
      }
      cue.hidden = box.scrollWidth <= box.clientWidth + 1;
      box.classList.toggle("imh-table-scroll--overflows", !cue.hidden);
    });
  }

  /* The values more cells share than any other, if two or more share them. */
  function commonValues(values) {
    var counts = {};
    values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    var ranked = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
    if (!ranked.length || counts[ranked[0]] < 2 || (ranked.length > 1 && counts[ranked[1]] === counts[ranked[0]])) {
      return null;
    }
    return ranked[0];
  }

  function names(list) {
    return list.length === 1 ? list[0] : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function columnName(side, key) {
    return side.querySelector('thead th[data-column="' + key + '"]').getAttribute("data-name");
  }

  /* Mark each shown cell against the other shown cells; one sentence per differing row. */
  function mark(side) {
    var sentences = [];
    side.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = Array.prototype.filter.call(row.querySelectorAll("td"), function (td) { return !td.hidden; });
      var values = cells.map(function (td) { return td.getAttribute("data-values"); });
      var distinct = values.filter(function (v, i) { return values.indexOf(v) === i; }).length;
      var common = commonValues(values);
      var odd = [];
      cells.forEach(function (td, i) {
        var differs = distinct > 1 && values[i] !== common;
        td.classList.toggle("imh-cell--differs", differs);
        td.querySelector(".imh-differs").hidden = !differs;
        if (differs) { odd.push(td); }
      });
      row.classList.toggle("imh-row--differs", odd.length > 0);
      row.classList.toggle("imh-row--same", odd.length === 0);
      var title = row.getAttribute("data-title");
      if (odd.length === 1) {
        sentences.push([title, columnName(side, odd[0].getAttribute("data-column")) + " alone: " + odd[0].getAttribute("data-describe")]);
      } else if (odd.length) {
        var groups = {};
        var order = [];
        odd.forEach(function (td) {
          var v = td.getAttribute("data-values");
          if (!groups[v]) { groups[v] = []; order.push(v); }
          groups[v].push(td);
        });
        sentences.push([title, order.map(function (v) {
          var group = groups[v];
          return names(group.map(function (td) { return columnName(side, td.getAttribute("data-column")); })) +
            ": " + group[0].getAttribute("data-describe");
        }).join("; ")]);
      }
    });
    var list = side.querySelector(".imh-differences__list");
    list.textContent = "";
    sentences.forEach(function (sentence) {
      var item = document.createElement("li");
      var title = document.createElement("strong");
      title.textContent = sentence[0];
      item.appendChild(title);
      item.appendChild(document.createTextNode(" — " + sentence[1]));
      list.appendChild(item);
    });
    if (!sentences.length) {
      var none = document.createElement("li");
      none.textContent = "Nothing: every facet has the same published values.";
      list.appendChild(none);
    }
  }

  function show(side, chosen) {
    side.querySelectorAll("[data-column]").forEach(function (el) {
      el.hidden = chosen.indexOf(el.getAttribute("data-column")) < 0;
    });
    if (side.hasAttribute("data-marked")) { mark(side); }
    showScrollCues(side);
  }

  function attachPicker(side) {
    var param = side.getAttribute("data-param");
    var boxes = Array.prototype.slice.call(side.querySelectorAll('.imh-pick input[name="' + param + '"]'));
    var all = boxes.map(function (b) { return b.value; });
    var asked = (new URLSearchParams(window.location.search).get(param) || "").split(",").filter(function (key) {
      return all.indexOf(key) >= 0;
    });
    var chosen = asked.length ? asked : all;
    boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    if (asked.length) { show(side, chosen); }
    side.querySelector(".imh-pick").addEventListener("change", function (event) {
      var now = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (!now.length) {               /* a comparison of nothing: keep the last column */
        event.target.checked = true;
        return;
      }
      show(side, now);
      var query = new URLSearchParams(window.location.search);
      if (now.length === all.length) { query.delete(param); } else { query.set(param, now.join(",")); }
      var search = query.toString().replace(/%2C/g, ",");
      window.history.replaceState(window.history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    });
  }

  function attach() {
    document.querySelectorAll(".imh-side").forEach(function (side) {
      if (side.getAttribute("data-ready") === "true") { return; }
      side.setAttribute("data-ready", "true");
      attachPicker(side);
    });
    showScrollCues(document);
  }

  window.addEventListener("resize", function () { showScrollCues(document); });

  window.imhsiteOnPage(attach);  /* on-page.js */
})();
