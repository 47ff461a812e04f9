// CSRF: the server refuses a state-changing request unless its X-CSRF-Token header repeats the page's
// csrf_token cookie (api/auth.py). Another site can send the cookie but cannot read it to fill the header.
// This wraps window.fetch, which Dash's renderer and the twin's own scripts use, so that every same-origin
// POST/PUT/PATCH/DELETE carries the header; GETs and requests to other origins are left as they are.
(function () {
  "use strict";

  const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
  const original = window.fetch.bind(window);

  function csrfToken() {
    // Read at each request: signing in or out gives a new token.
    for (const part of document.cookie.split(";")) {
      const [name, ...value] = part.trim().split("=");
      if (name === "csrf_token") return decodeURIComponent(value.join("="));
    }
    return null;
  }

  function methodOf(input, init) {
    const method = (init && init.method) || (input instanceof Request ? input.method : "GET");
    return String(method).toUpperCase();
  }

  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    const token = csrfToken();
    if (SAFE.has(methodOf(input, init)) || url.origin !== window.location.origin || token === null) {
      return original(input, init);
    }
    const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    headers.set("X-CSRF-Token", token);
    return original(input, Object.assign({}, init, { headers: headers }));
  };
})();
