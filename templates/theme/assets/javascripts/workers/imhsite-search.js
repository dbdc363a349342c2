/* The site's search worker: Material's own (imported below, the file its page names in this
 * script's address: src/imhsite/search_worker.py), and, for an index split per state
 * (src/imhsite/search_entries.py), each state's guides' paragraphs loaded when a query names it.
 *
 * A split index lists the states' files in config.state_parts ({code, name, part}, the part's
 * address from the index's folder). This script passes Material's messages on to its worker, and
 * before a query naming a state (its name, in any case, or its code in capitals, as words: "or",
 * "in" and "me" are English too, and each state named costs a new setup) it fetches the state's
 * part once, puts the part's entries in place of the state's thin ones and sets Material's search
 * up again. A query that a newer one follows while it waits is not answered (Material asks at
 * each keystroke). An index with no parts passes through unchanged. The part of the state whose
 * page the reader is on is not loaded for it: under instant navigation the worker outlives the
 * page it started on, and Material tells it nothing of the pages shown since.
 *
 * What it takes from Material 9.8's worker (tests/test_search_split.py checks each): it listens
 * for messages with addEventListener and answers each with postMessage; {type: 0, data: {config,
 * docs, options}} sets the search up (answer: type 1), {type: 2, data: query} asks (answer:
 * type 3, the results); it finds lunr's files from this script's folder, which is its own. */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var SITE_ROOT = "../../../"; /* from assets/javascripts/workers/ */

  /* Material's worker, asked one message at a time: ask(message) -> a promise of its answer. */
  var material = (function () {
    var named = new URL(self.location.href).searchParams.get("material");
    if (!named || !/^[\w.-]+\.js$/.test(named)) {
      throw new Error("imhsite search: no Material worker named in " + self.location.href);
    }
    var listeners = [];
    var listen = self.addEventListener;
    self.addEventListener = function (type, listener) {
      if (type === "message") {
        listeners.push(listener);
      } else {
        listen.apply(self, arguments);
      }
    };
    try {
      importScripts(named);
    } finally {
      self.addEventListener = listen;
    }
    if (listeners.length !== 1) {
      throw new Error("imhsite search: " + named + " did not listen for messages as Material 9.8's worker does");
    }
    var answer = null;
    var post = self.postMessage.bind(self);
    self.postMessage = function (message) { /* Material's worker answering */
      var waiting = answer;
      answer = null;
      if (waiting) {
        waiting(message);
      }
    };
    return {
      post: post,
      ask: function (message) {
        return new Promise(function (resolve, reject) {
          answer = resolve;
          Promise.resolve(listeners[0]({ data: message })).catch(reject);
        });
      }
    };
  })();

  var index = null; /* the setup's data: config, docs (as merged so far), options */
  var states = []; /* config.state_parts, each with the words that name it */
  var requested = {}; /* part -> true once fetched or being fetched */
  var docAt = null; /* location -> position in index.docs */
  var queue = Promise.resolve();
  var queries = 0; /* queries received */

  function words(text) {
    return String(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function lowerCase(text) {
    return words(text.toLowerCase());
  }

  function says(queryWords, nameWords) {
    for (var at = 0; at + nameWords.length <= queryWords.length; at++) {
      var all = true;
      for (var i = 0; i < nameWords.length && all; i++) {
        all = queryWords[at + i] === nameWords[i];
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  function named(query) {
    var asTyped = words(query);
    var lower = lowerCase(query);
    return states.filter(function (state) {
      return !requested[state.part] && (says(lower, state.name) || says(asTyped, state.code));
    });
  }

  function merge(docs) {
    if (docAt === null) {
      docAt = {};
      index.docs.forEach(function (doc, at) { docAt[doc.location] = at; });
    }
    docs.forEach(function (doc) {
      var at = docAt[doc.location];
      if (at !== undefined) {
        index.docs[at] = doc;
      }
    });
  }

  function load(state) {
    requested[state.part] = true;
    return fetch(new URL(SITE_ROOT + "search/" + state.part, self.location.href))
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText);
        }
        return response.json();
      })
      .then(function (docs) {
        merge(docs);
        return true;
      }, function (error) {
        delete requested[state.part]; /* tried again at the next query naming it */
        console.warn("imhsite search: " + state.part + " could not be loaded: " + error);
        return false;
      });
  }

  function handle(message, query) {
    if (message.type === QUERY && query !== queries) {
      return null; /* a newer query waits */
    }
    if (message.type === SETUP) {
      index = message.data;
      docAt = null;
      requested = {};
      states = ((index.config && index.config.state_parts) || []).map(function (state) {
        return { part: state.part, name: lowerCase(state.name), code: words(state.code) };
      });
      return material.ask(message);
    }
    var wanted = message.type === QUERY && index ? named(message.data) : [];
    if (!wanted.length) {
      return material.ask(message);
    }
    return Promise.all(wanted.map(load))
      .then(function (loaded) {
        return loaded.indexOf(true) !== -1 && material.ask({ type: SETUP, data: index }); /* its answer stays here */
      })
      .then(function () { return material.ask(message); });
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    var query = message.type === QUERY ? ++queries : queries;
    queue = queue.then(function () { return handle(message, query); }).then(function (answer) {
      if (answer) {
        material.post(answer);
      }
    }, function (error) {
      console.warn("imhsite search: " + error);
    });
  });
})();
