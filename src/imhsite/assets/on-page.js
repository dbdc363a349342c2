/* What the site's scripts share: `window.imhsiteOnPage(setUp)` runs setUp on every page shown.
 * Material's instant navigation swaps pages without reloading scripts: document$ emits each new
 * page; without Material, the page is ready at DOMContentLoaded. Loaded before the other scripts. */
(function () {
  "use strict";

  window.imhsiteOnPage = function (setUp) {
    if (typeof window.document$ !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  };
})();
