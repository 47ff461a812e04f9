// Sign-in and sign-out for planners: the auth routes (api/auth.py) set or clear the session cookie, then the
// page reloads so that every part of it is built for the new account. The CSRF header is added by
// 05-csrf-fetch.js to every same-origin request that changes something. A refusal is returned as a code
// ("wrong", "later", "failed") that the server translates (texts/i18n.py is the one translation table).
(function () {
  "use strict";

  async function post(url, body) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}), credentials: "same-origin" });
  }

  async function signIn(clicks, name, password) {
    if (!clicks) return window.dash_clientside.no_update;
    const response = await post("/auth/sign-in", { name: name || "", password: password || "" });
    if (response.ok) { window.location.reload(); return null; }
    return response.status === 429 ? "later" : response.status === 401 ? "wrong" : "failed";
  }

  async function signOut(clicks) {
    if (!clicks) return window.dash_clientside.no_update;
    await post("/auth/sign-out");
    window.location.reload();
    return null;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.twinAccount = { signIn, signOut };
})();
