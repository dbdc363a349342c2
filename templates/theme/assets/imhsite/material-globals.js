/* Material for MkDocs' page-wide helpers, which its templates define in an inline <script>: here
 * in a file, so that the site runs under Content-Security-Policy script-src 'self'. The scope (the
 * site's root, which prefixes what Material keeps in localStorage) is resolved against the page
 * that loads this script, as the inline original does. */
(function () {
  "use strict";
  var script = document.currentScript;
  var scope = new URL(script.getAttribute("data-scope") || ".", window.location);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage === undefined ? window.localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage === undefined ? window.localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (err) {
      /* storage full or disabled: nothing is remembered */
    }
  };
})();
