// "Partager": a dialog with the view's link (the address 15-twin-address.js keeps current, less a workshop
// screen's mode), a copy button and the link's QR code (drawn by the server, /view-qr.svg: no third party sees
// the link). "Fiche PDF": the brief of the current view, /brief.pdf with the same query. Native <dialog>: showModal keeps the focus inside,
// Escape closes it, and the focus goes back to the button that opened it.
(function () {
  "use strict";

  const byId = (id) => document.getElementById(id);
  // A workshop screen's own settings, not part of the view: a resident's phone opens the usual page.
  const SCREEN_ONLY = ["mode", "atelier"];

  function sharedLink() {
    const url = new URL(window.location.href);
    for (const name of SCREEN_ONLY) url.searchParams.delete(name);
    // As the address writes them: commas and colons read better than %2C and %3A.
    url.search = url.searchParams.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
    return url;
  }

  function openDialog() {
    const dialog = byId("share-dialog");
    if (!dialog || dialog.open) return;
    const url = sharedLink();
    const link = url.href;
    const field = byId("share-link");
    field.value = link;
    byId("share-qr").src = "/view-qr.svg" + url.search;
    byId("share-status").textContent = "";
    dialog.dataset.link = link;
    dialog.showModal();
    field.focus();
    field.select();
  }

  function said(id) {
    const text = byId(id);
    byId("share-status").textContent = text ? text.textContent : "";
  }

  function copyLink() {
    const dialog = byId("share-dialog");
    const link = dialog.dataset.link || window.location.href;
    const fallback = () => {
      const field = byId("share-link");
      field.focus();
      field.select();
      let done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      said(done ? "share-copied-text" : "share-failed-text");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(() => said("share-copied-text"), fallback);
    } else {
      fallback();
    }
  }

  function briefAddress(anchor) {
    anchor.href = "/brief.pdf" + window.location.search; // at the moment it is used: the view as it is now
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("#share-button")) openDialog();
    else if (target.closest("#share-copy")) copyLink();
    else if (target.closest("#share-close")) byId("share-dialog").close();
    else if (target.closest("#brief-link")) briefAddress(target.closest("#brief-link"));
  });
  // Hover and focus too: "copy link address" and a middle click take the current view as well.
  for (const type of ["pointerover", "focusin", "auxclick", "contextmenu"]) {
    document.addEventListener(type, (event) => {
      const anchor = event.target instanceof Element ? event.target.closest("#brief-link") : null;
      if (anchor) briefAddress(anchor);
    });
  }
  document.addEventListener(
    "close",
    (event) => {
      if (event.target && event.target.id === "share-dialog") {
        const opener = byId("share-button");
        if (opener) opener.focus();
      }
    },
    true, // "close" does not bubble: listen while it goes down
  );
})();
