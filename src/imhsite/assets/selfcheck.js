/* imhsite self-check: the browser evaluator of the rules compiled by src/imhsite/rule_compiler.py.
 *
 * The rules arrive as JSON in <template id="imhsite-rules"> (inert: Material's instant navigation
 * would run a <script type="application/json"> as JavaScript when it swaps the page in). This file
 * holds no requirement and no sentence of its own: every fact and every phrase it shows comes
 * from that JSON (rule nodes, their units and texts, and `messages`), and rule_evaluator.py evaluates
 * the same JSON with the same operator table, so tests/vectors/eval.json holds both to one
 * answer. Nothing is sent anywhere: the profile lives in the address bar, and in
 * localStorage only when the user asks for it.
 *
 * Plain ES2017, no libraries, no eval, no inline handlers (Content-Security-Policy
 * script-src 'self'). Under node it exports the evaluator instead of touching a page.
 */
(function () {
  "use strict";

  var PLACEHOLDER = /\{(\w+)\}/g;

  /* Replace {name} in one pass, so text inserted from data is never read as a placeholder. */
  function fill(template, values) {
    return template.replace(PLACEHOLDER, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* An amount as both evaluators print it: at most two decimals, no trailing ".0". */
  function number(value) {
    return String(Math.floor(value * 100 + 0.5) / 100);
  }

  function joinList(items, messages, last) {
    if (items.length <= 1) {
      return items.join("");
    }
    return items.slice(0, -1).join(messages.list_sep) + (last || messages.list_last) + items[items.length - 1];
  }

  function merge(a, b) {
    return Object.assign({}, a || {}, b || {});
  }

  function say(node, key, ctx, extra) {
    return fill(ctx.messages[node[key]], merge(node.vars, extra));
  }

  function inForce(node, today) {
    return (!node.from || node.from <= today) && (!node.until || today <= node.until);
  }

  function unitFor(node, amount) {
    return amount === 1 ? node.unit.one : node.unit.other;
  }

  function outcome(ok, said, conditions) {
    return { ok: ok, said: said || [], conditions: conditions || [] };
  }

  function degreeRank(ctx, degree) {
    return ctx.rules.degrees.indexOf(degree);
  }

  /* The whole vocabulary of the rule tree; rules.OPERATORS is the same table. */
  var OPERATORS = {
    all: function (node, ctx) {
      var outcomes = node.of.map(function (child) { return evaluateNode(child, ctx); });
      var ok = outcomes.every(function (o) { return o.ok; });
      var said = [];
      var conditions = [];
      outcomes.forEach(function (o) {
        if (o.ok === ok) {
          said = said.concat(o.said);
        }
        if (ok) {
          conditions = conditions.concat(o.conditions);
        }
      });
      return outcome(ok, said, conditions);
    },
    any: function (node, ctx) {
      var outcomes = node.of.map(function (child) { return evaluateNode(child, ctx); });
      var met = outcomes.filter(function (o) { return o.ok; });
      if (met.length) {
        /* A path met without conditions beats one that needs them; of several that need them, any one's will do. */
        var plain = met.filter(function (o) { return !o.conditions.length; });
        if (plain.length) {
          return plain[0];
        }
        var either = [];
        met.forEach(function (o) {
          var text = o.conditions.join(ctx.messages.and_sep).replace(/\.$/, "");
          if (either.indexOf(text) < 0) {
            either.push(text);
          }
        });
        return either.length === 1 ? met[0] : outcome(true, met[0].said, [fill(ctx.messages.one_of, { items: either.join(ctx.messages.one_of_sep) })]);
      }
      /* What every alternative lacks is said once; what differs is said as "one of: ...; or ...". */
      var common = outcomes[0].said.filter(function (s) {
        return outcomes.slice(1).every(function (o) { return o.said.indexOf(s) >= 0; });
      });
      var rests = [];
      for (var j = 0; j < outcomes.length; j++) {
        var rest = outcomes[j].said.filter(function (s) { return common.indexOf(s) < 0; });
        if (!rest.length) {
          return outcome(false, common);
        }
        var text = rest.join(ctx.messages.and_sep);
        if (rests.indexOf(text) < 0) {
          rests.push(text);
        }
      }
      if (rests.length === 1) {
        return outcome(false, common.concat([rests[0]]));
      }
      return outcome(false, common.concat([fill(ctx.messages.one_of, { items: rests.join(ctx.messages.one_of_sep) })]));
    },
    /* The amount is the sum over groups of each group's largest answer (counting_fields), less `minus`. */
    at_least: function (node, ctx) {
      var have = node.counts.reduce(function (sum, group) {
        return sum + Math.max.apply(null, group.map(function (name) { return ctx.profile[name]; }));
      }, 0);
      (node.minus || []).forEach(function (name) { have -= ctx.profile[name]; });
      var need = node.value;
      if (have >= need) {
        return outcome(true, node.met ? [say(node, "met", ctx, { amount: number(need), unit: unitFor(node, need) })] : []);
      }
      var shortText = number(Math.max(need - have, 0.01));
      return outcome(false, [say(node, "missing", ctx, { amount: shortText, unit: unitFor(node, Number(shortText)) })]);
    },
    degree_at_least: function (node, ctx) {
      var ok = degreeRank(ctx, ctx.profile[node.field]) >= degreeRank(ctx, node.value);
      var key = ok ? "met" : "missing";
      return outcome(ok, node[key] ? [say(node, key, ctx)] : []);
    },
    is_true: function (node, ctx) {
      var ok = ctx.profile[node.field] === true || node.degrees.indexOf(ctx.profile.degree) >= 0;
      return outcome(ok, [say(node, ok ? "met" : "missing", ctx)]);
    },
    one_of: function (node, ctx) {
      var options = node.options.filter(function (o) { return inForce(o, ctx.today); });
      var labels = joinList(options.map(function (o) { return o.label; }), ctx.messages);
      var value = ctx.profile[node.field];
      var rank = degreeRank(ctx, ctx.profile.degree);
      for (var i = 0; i < options.length; i++) {
        var limit = options[i].degree_at_most;
        if (limit && rank > degreeRank(ctx, limit)) {
          continue;
        }
        if (options[i].accepts.indexOf(value) >= 0) {
          return outcome(true, [say(node, "met", ctx, { options: labels })], options[i].conditions.slice());
        }
      }
      return outcome(false, [say(node, "missing", ctx, { options: labels })]);
    },
    unverifiable: function (node, ctx) {
      return outcome(false, [say(node, "missing", ctx)]);
    }
  };

  function evaluateNode(node, ctx) {
    if (!inForce(node, ctx.today)) {
      return outcome(true);
    }
    if (!Object.prototype.hasOwnProperty.call(OPERATORS, node.op)) {
      throw new Error(fill(ctx.messages.error_operator, { op: JSON.stringify(node.op) }));
    }
    var result = OPERATORS[node.op](node, ctx);
    if (result.ok && node.conditions && node.conditions.length) {
      result.conditions = result.conditions.concat(node.conditions);
    }
    return result;
  }

  /* A complete profile: every field of the contract, missing ones at their default. */
  function withDefaults(rules, profile) {
    var full = {};
    Object.keys(rules.fields).forEach(function (name) {
      var value = profile ? profile[name] : undefined;
      full[name] = value === undefined || value === null ? rules.fields[name].default : value;
    });
    return full;
  }

  function evaluateCategory(rules, st, cat, ctx) {
    var messages = rules.messages;
    var unmet = [];
    var missing = [];
    var conditions = cat.conditions.slice();
    var details = [];
    var measured = false;
    cat.facets.forEach(function (facet) {
      var label = rules.facets[facet.facet];
      var detail = { facet: facet.facet, label: label, status: facet.status, met: null, said: [] };
      if (!inForce(facet, ctx.today)) {
        detail.said = [messages.status_not_in_force];
      } else if (facet.status !== "required") {
        detail.said = [messages["status_" + facet.status]];
      } else if (facet.rule === null) {
        detail.said = [messages.unmeasured_facet];
        conditions = conditions.concat(facet.conditions.length ? facet.conditions : [fill(messages.unmeasured, { facet: label })]);
      } else {
        measured = true;
        var result = evaluateNode(facet.rule, ctx);
        detail.met = result.ok;
        detail.said = result.said;
        if (result.ok) {
          conditions = conditions.concat(result.conditions, facet.conditions);
        } else {
          unmet.push(facet.facet);
          result.said.forEach(function (s) {
            if (missing.indexOf(s) < 0) {
              missing.push(s);
            }
          });
        }
      }
      details.push(detail);
    });
    var verdict;
    if (unmet.length) {
      verdict = "not_yet";
    } else if (!measured) {
      verdict = "unknown";
    } else {
      verdict = conditions.length ? "meets_if" : "meets";
    }
    var shownConditions = [];
    if (verdict === "meets_if" || verdict === "unknown") {
      conditions.forEach(function (c) {
        if (shownConditions.indexOf(c) < 0) {
          shownConditions.push(c);
        }
      });
    }
    return {
      state: st.code,
      category: cat.code,
      verdict: verdict,
      unmet: unmet,
      missing: missing,
      conditions: shownConditions,
      still_needed: cat.still_needed.slice(),
      state_name: st.name,
      category_name: cat.name,
      url: cat.url,
      facets: details
    };
  }

  var BRIEF_KEYS = ["category", "category_name", "verdict", "missing", "conditions", "url"];

  function brief(result) {
    if (!result) {
      return null;
    }
    var kept = {};
    BRIEF_KEYS.forEach(function (key) { kept[key] = result[key]; });
    return kept;
  }

  /* Closest endorsements first: rules.headline, the same ranking. */
  function headline(rules, results) {
    var order = rules.categories;
    var lines = [];
    results.forEach(function (r) {
      if (!lines.length || lines[lines.length - 1].state !== r.state) {
        lines.push({ state: r.state, state_name: r.state_name, reached: null, next: [] });
      }
      if (r.verdict === "meets" || r.verdict === "meets_if") {
        lines[lines.length - 1].reached = r;
      }
    });
    return lines.map(function (line) {
      var floor = line.reached ? order.indexOf(line.reached.category) : -1;
      var candidates = results.filter(function (r) {
        return r.state === line.state && r.verdict === "not_yet" && order.indexOf(r.category) > floor;
      });
      candidates.sort(function (a, b) {
        return (a.unmet.length - b.unmet.length) || (order.indexOf(a.category) - order.indexOf(b.category));
      });
      return {
        state: line.state,
        state_name: line.state_name,
        reached: brief(line.reached),
        next: candidates.slice(0, 2).map(brief)
      };
    });
  }

  /* One state's headline as a sentence: rules.headline_text. */
  function headlineText(messages, line) {
    var reached = line.reached;
    var text = fill(messages["headline_" + (reached ? reached.verdict : "none")], {
      state: line.state_name, category: reached ? reached.category : ""
    });
    var nearest = line.next.map(function (r) {
      return fill(messages.headline_gap, { category: r.category, missing: r.missing.join(messages.and_sep) });
    });
    if (nearest.length) {
      text += " " + fill(messages.headline_next, { items: nearest.join(messages.one_of_sep) });
    }
    return text;
  }

  /* One result per published category of the chosen state(s), in the order of the rules. */
  function evaluate(rules, profile, today, state, category) {
    var ctx = { rules: rules, messages: rules.messages, profile: withDefaults(rules, profile), today: today };
    var results = [];
    rules.states.forEach(function (st) {
      if (state && st.code !== state) {
        return;
      }
      st.categories.forEach(function (cat) {
        if (category && cat.code !== category) {
          return;
        }
        results.push(evaluateCategory(rules, st, cat, ctx));
      });
    });
    return results;
  }

  function shown(value) {
    if (typeof value === "number") {
      return isFinite(value) ? number(value) : String(value);
    }
    var text = JSON.stringify(value);
    return text === undefined ? JSON.stringify(String(value)) : text;
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  /* Check a profile mapping against the contract: {profile, errors}; rules.parse_profile
   * raises the first of these errors, word for word. A field in error counts as its default. */
  function checkProfile(rules, mapping) {
    var messages = rules.messages;
    var fields = rules.fields;
    var names = Object.keys(fields);
    var errors = [];
    var values = {};
    if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) {
      errors.push({ field: "profile", message: fill(messages.error_mapping, { got: shown(mapping) }) });
      return { profile: withDefaults(rules, {}), errors: errors };
    }
    Object.keys(mapping).forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) {
        errors.push({ field: key, message: fill(messages.error_unknown, { field: shown(key), expected: names.join(", ") }) });
      }
    });
    names.forEach(function (name) {
      var spec = fields[name];
      var value = mapping[name];
      if (value === undefined || value === null) {
        return;
      }
      var got = { what: spec.what, got: shown(value) };
      var error = null;
      if (spec.kind === "number" && (!isNumber(value) || value < 0)) {
        error = fill(messages.error_number, got);
      } else if (spec.kind === "whole" && (!isNumber(value) || value < 0 || value !== Math.floor(value))) {
        error = fill(messages.error_whole, got);
      } else if (spec.kind === "flag" && typeof value !== "boolean") {
        error = fill(messages.error_flag, got);
      } else if (spec.kind === "choice" && spec.choices.indexOf(value) < 0) {
        error = fill(messages.error_choice, merge(got, { expected: spec.choices.join(", ") }));
      }
      if (error) {
        errors.push({ field: name, message: error });
      } else {
        values[name] = value;
      }
    });
    names.forEach(function (name) {
      var whole = fields[name].part_of;
      if (whole && (values[name] || 0) > (values[whole] || 0)) {
        errors.push({ field: name, message: fill(messages.error_part, {
          what: fields[name].what, whole: fields[whole].other, total: number(values[whole] || 0), got: number(values[name])
        }) });
        delete values[name];
      }
    });
    return { profile: withDefaults(rules, values), errors: errors };
  }

  var api = {
    OPERATORS: OPERATORS,
    fill: fill,
    number: number,
    evaluate: evaluate,
    headline: headline,
    headlineText: headlineText,
    checkProfile: checkProfile
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  /* --- the page ------------------------------------------------------------------ */

  var STORAGE_KEY = "imhsite-selfcheck";
  var FILTERS = ["state", "category"];

  function localToday() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  /* Query-string text -> the value a profile file would hold; rules decide what is valid. */
  function typed(spec, text) {
    var trimmed = text.trim();
    if (trimmed === "") {
      return undefined;
    }
    if (spec.kind === "number" || spec.kind === "whole") {
      var n = Number(trimmed);
      return isFinite(n) ? n : text;
    }
    if (spec.kind === "flag") {
      if (trimmed === "true" || trimmed === "on" || trimmed === "1") {
        return true;
      }
      if (trimmed === "false" || trimmed === "0") {
        return false;
      }
      return text;
    }
    return trimmed;
  }

  function Page(root, form, rules) {
    this.root = root;
    this.form = form;
    this.rules = rules;
    this.today = localToday();
    this.summary = root.querySelector("#imhsite-results");
    this.grid = root.querySelector("#imhsite-grid");
    this.saveStatus = root.querySelector("#imhsite-save-status");
    this.forget = root.querySelector("#imhsite-forget");
    this.forgetBox = root.querySelector("#imhsite-forget-box");
    this.shown = null;
  }

  Page.prototype.control = function (name) {
    return this.form.elements.namedItem(name);
  };

  /* The form as a query string: only values that differ from the default. */
  Page.prototype.query = function () {
    var params = new URLSearchParams();
    var self = this;
    FILTERS.forEach(function (name) {
      var control = self.control(name);
      if (control && control.value) {
        params.set(name, control.value);
      }
    });
    Object.keys(this.rules.fields).forEach(function (name) {
      var control = self.control(name);
      var spec = self.rules.fields[name];
      if (!control) {
        return;
      }
      if (spec.kind === "flag") {
        if (control.checked) {
          params.set(name, "true");
        }
      } else if (control.value.trim() !== "" && control.value !== String(spec.default)) {
        params.set(name, control.value.trim());
      }
    });
    return params.toString();
  };

  /* Fill the form from a query string; every answer it cannot take is named in linkErrors. */
  Page.prototype.load = function (search) {
    var params = new URLSearchParams(search);
    var self = this;
    var messages = this.rules.messages;
    var fields = this.rules.fields;
    this.linkErrors = [];
    function refuse(name, what, text) {
      self.linkErrors.push({ field: name, message: fill(messages.link_unreadable, { what: what, got: shown(text) }) });
    }
    FILTERS.forEach(function (name) {
      var control = self.control(name);
      var text = params.get(name);
      control.value = text || "";
      if (control.value !== (text || "")) {
        control.value = "";
        refuse(name, self.root.querySelector('label[for="' + control.id + '"]').textContent, text);
      }
    });
    Object.keys(fields).forEach(function (name) {
      var control = self.control(name);
      var spec = fields[name];
      var text = params.get(name);
      if (spec.kind === "flag") {
        control.checked = text !== null && typed(spec, text) === true;
        if (text !== null && typeof typed(spec, text) !== "boolean") {
          refuse(name, spec.what, text);
        }
      } else if (spec.kind === "choice") {
        control.value = text === null ? String(spec["default"]) : text;
        if (control.value !== (text === null ? String(spec["default"]) : text)) {
          control.value = String(spec["default"]);
          refuse(name, spec.what, text);
        }
      } else {
        control.value = text === null ? "" : text;
        if (text !== null && control.value !== text) {
          refuse(name, spec.what, text);
        }
      }
    });
    params.forEach(function (value, name) {
      if (FILTERS.indexOf(name) < 0 && !Object.prototype.hasOwnProperty.call(fields, name)) {
        self.linkErrors.push({ field: "", message: fill(messages.link_unknown, { field: shown(name) }) });
      }
    });
    var box = this.root.querySelector("#imhsite-link-errors");
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    this.linkErrors.forEach(function (e) { box.appendChild(element("li", "", e.message)); });
    box.hidden = !this.linkErrors.length;
  };

  Page.prototype.mapping = function () {
    var mapping = {};
    var self = this;
    Object.keys(this.rules.fields).forEach(function (name) {
      var control = self.control(name);
      var spec = self.rules.fields[name];
      if (!control) {
        return;
      }
      var value = spec.kind === "flag" ? control.checked : typed(spec, control.value);
      if (value !== undefined) {
        mapping[name] = value;
      }
    });
    return mapping;
  };

  Page.prototype.showErrors = function (errors) {
    var self = this;
    Object.keys(this.rules.fields).forEach(function (name) {
      var control = self.control(name);
      var slot = self.root.querySelector("#imhsite-error-" + name);
      var error = errors.filter(function (e) { return e.field === name; })[0];
      if (control) {
        if (error) {
          control.setAttribute("aria-invalid", "true");
        } else {
          control.removeAttribute("aria-invalid");
        }
      }
      if (slot) {
        slot.textContent = error ? error.message : "";
        slot.hidden = !error;
      }
    });
  };

  Page.prototype.update = function () {
    var checked = checkProfile(this.rules, this.mapping());
    checked.errors = this.linkErrors.concat(checked.errors);
    this.showErrors(checked.errors);
    var state = this.control("state") ? this.control("state").value : "";
    var category = this.control("category") ? this.control("category").value : "";
    var results = evaluate(this.rules, checked.profile, this.today, state || null, category || null);
    /* A "change" after "input" gives the same results: rebuilding the grid then would swallow
     * the click that blurred the field (its target would be replaced mid-click). */
    var fields = this.rules.fields;
    var mapping = this.mapping();
    /* Nothing answered yet: ask for answers rather than say "not yet" everywhere. */
    var blank = Object.keys(mapping).every(function (name) { return mapping[name] === fields[name]["default"]; });
    var key = JSON.stringify([blank, results]);
    if (key !== this.shown) {
      this.shown = key;
      this.render(results, blank);
    }
    this.renderAnswers();
    var query = this.query();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  /* The headline (closest endorsements first), then per state a compact list of results. */
  Page.prototype.render = function (results, blank) {
    var messages = this.rules.messages;
    var met = results.filter(function (r) { return r.verdict === "meets" || r.verdict === "meets_if"; });
    var text = blank ? messages.summary_blank : (results.length ?
      fill(messages.summary, { count: met.length, total: results.length }) : messages.summary_empty);
    if (this.summary.textContent !== text) {
      this.summary.textContent = text;
    }
    while (this.grid.firstChild) {
      this.grid.removeChild(this.grid.firstChild);
    }
    if (blank || !results.length) {
      return;
    }
    var lines = headline(this.rules, results);
    var top = element("ul", "imhsite-headline");
    lines.forEach(function (line) {
      top.appendChild(element("li", "", headlineText(messages, line)));
    });
    this.grid.appendChild(top);
    var self = this;
    lines.forEach(function (line) {
      var section = element("section", "imhsite-state");
      section.setAttribute("data-state", line.state);
      section.appendChild(element("h3", "", line.state_name));
      var st = self.rules.states.filter(function (x) { return x.code === line.state; })[0];
      section.appendChild(element("p", "imhsite-contact", st.contact ?
        fill(messages.contact, { association: st.association, contact: st.contact }) :
        fill(messages.contact_unknown, { association: st.association })));
      var list = element("ul", "imhsite-results");
      results.forEach(function (r) {
        if (r.state === line.state) {
          list.appendChild(self.result(r));
        }
      });
      section.appendChild(list);
      self.grid.appendChild(section);
    });
  };

  function heading(text) {
    var p = element("p", "imhsite-heading");
    p.appendChild(element("strong", "", text));
    return p;
  }

  function list(items) {
    var ul = element("ul");
    items.forEach(function (text) {
      ul.appendChild(element("li", "", text));
    });
    return ul;
  }

  /* One category's result: verdict as icon, colour and words; gaps or conditions in full;
   * what is met and what the application also needs one tap away. */
  Page.prototype.result = function (r) {
    var messages = this.rules.messages;
    var item = element("li", "imhsite-result imhsite-result--" + r.verdict);
    item.setAttribute("data-cell", r.state + " " + r.category);
    var verdict = element("p", "imhsite-verdict");
    verdict.appendChild(element("span", "imhsite-icon", messages["icon_" + r.verdict]));
    verdict.appendChild(document.createTextNode(" "));
    verdict.appendChild(element("strong", "", r.category));
    verdict.appendChild(document.createTextNode(" " + r.category_name + ": "));
    verdict.appendChild(element("span", "imhsite-verdict-words", messages["verdict_" + r.verdict]));
    item.appendChild(verdict);
    var met = [];
    var missing = [];
    r.facets.forEach(function (facet) {
      facet.said.forEach(function (text) {
        var line = fill(messages.facet_line, { facet: facet.label, text: text });
        if (facet.met === false) {
          missing.push(line);
        } else if (facet.met === true) {
          met.push(line);
        }
      });
    });
    if (missing.length) {
      item.appendChild(heading(messages.missing_heading));
      item.appendChild(list(missing));
    }
    if (r.verdict === "unknown") {
      item.appendChild(element("p", "", messages.unknown_text));
    }
    if (r.conditions.length) {
      item.appendChild(heading(messages.conditions_heading));
      item.appendChild(list(r.conditions));
    }
    var more = element("details", "imhsite-details");
    more.appendChild(element("summary", "", messages.more_heading));
    if (met.length) {
      more.appendChild(heading(messages.met_heading));
      more.appendChild(list(met));
    }
    if (r.still_needed.length) {
      more.appendChild(heading(messages.still_needed_heading));
      more.appendChild(list(r.still_needed));
    }
    item.appendChild(more);
    var p = element("p", "imhsite-guide-link");
    var link = element("a", "", fill(messages.guide_link, { state: r.state_name, category: r.category }));
    link.href = ".." + r.url;
    link.setAttribute("data-address", link.href);
    p.appendChild(link);
    item.appendChild(p);
    return item;
  };

  /* The answers as a printed page lists them: each question answered, with its answer. */
  Page.prototype.renderAnswers = function () {
    var box = this.root.querySelector("#imhsite-answers");
    var self = this;
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    Array.prototype.forEach.call(this.form.querySelectorAll("select, input"), function (control) {
      var label = self.root.querySelector('label[for="' + control.id + '"]');
      var answer = null;
      if (control.type === "checkbox") {
        answer = control.checked ? label.textContent : null;
        label = null;
      } else if (control.tagName === "SELECT") {
        answer = control.value ? control.options[control.selectedIndex].textContent : null;
      } else if (control.value.trim() !== "") {
        answer = control.value.trim();
      }
      if (answer !== null) {
        box.appendChild(element("li", "", label ? label.textContent.trim() + ": " + answer : answer));
      }
    });
  };

  Page.prototype.save = function () {
    try {
      window.localStorage.setItem(STORAGE_KEY, this.query());
      this.saveStatus.textContent = this.rules.messages.saved;
      this.forgetBox.hidden = false;
    } catch (err) {
      this.saveStatus.textContent = this.rules.messages.storage_unavailable;
    }
  };

  Page.prototype.forgetSaved = function () {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (err) {
      /* nothing was stored */
    }
    this.saveStatus.textContent = this.rules.messages.forgotten;
    this.forgetBox.hidden = true;
  };

  function saved() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch (err) {
      return null;
    }
  }

  /* A link without answers (a guide's "check what you meet") takes the saved answers, and
   * keeps its own state and category when it gives them. */
  Page.prototype.withSaved = function (params, saved) {
    var fields = Object.keys(this.rules.fields);
    var hasAnswers = fields.some(function (name) { return params.has(name); });
    if (hasAnswers) {
      return params;
    }
    var merged = new URLSearchParams();
    FILTERS.concat(fields).forEach(function (name) {
      var value = FILTERS.indexOf(name) >= 0 && params.has(name) ? params.get(name) : saved.get(name);
      if (value !== null) {
        merged.set(name, value);
      }
    });
    return merged;
  };

  Page.prototype.start = function () {
    var self = this;
    var search = window.location.search;
    var stored = saved();
    if (stored !== null) {
      this.forgetBox.hidden = false;
    }
    if (stored) {
      search = "?" + this.withSaved(new URLSearchParams(search), new URLSearchParams(stored)).toString();
    }
    this.load(search);
    this.form.addEventListener("input", function (event) {
      /* An answer typed over one the link could not give replaces that complaint. */
      self.linkErrors = self.linkErrors.filter(function (e) { return e.field !== event.target.name; });
      self.update();
    });
    this.form.addEventListener("change", function () { self.update(); });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.update();
    });
    this.root.querySelector("#imhsite-save").addEventListener("click", function () { self.save(); });
    this.forget.addEventListener("click", function () { self.forgetSaved(); });
    this.update();
  };

  function attach() {
    var data = document.getElementById("imhsite-rules");
    var root = document.getElementById("imhsite-selfcheck");
    if (!data || !root || root.getAttribute("data-ready") === "true") {
      return;
    }
    var rules = JSON.parse(data.content ? data.content.textContent : data.textContent);
    root.setAttribute("data-ready", "true");
    var page = new Page(root, root.querySelector("form"), rules);
    page.start();
    root.hidden = false;
  }

  window.imhsiteOnPage(attach);  /* on-page.js */
})();
