// Accessibility of the main page (WCAG 2.1 AA), in three parts:
// 1. Dash 4's own widgets carry ARIA that contradicts their HTML or is missing (the calendar's names): a checklist or radio list is a "listbox"
//    of "option" labels holding real checkboxes (interactive controls nested in options), the date picker's
//    plain wrapper says aria-expanded, a dropdown hides a focusable input with aria-hidden. The real inputs
//    already say everything, so the contradicting attributes go, now and whenever React writes them back;
//    the layout names each group (components/layout.py).
// 2. The date picker (date-fns) takes its month and day names from window.dateFns.locale: only the page's
//    language is left there (French from the vendored locale, English is date-fns' default).
// 3. The map by keyboard: deck.gl's controller already pans (arrows), zooms (+/-) and turns (Shift+arrows)
//    the focused canvas; here the canvas gets a name and its help, and Enter opens the building under the
//    cross at the centre, as a click would (the same "selected-building" store).
(function () {
  "use strict";

  const MAP_ID = "deck-map";
  const KEYS_ID = "map-keys";
  const NOTICE_ID = "map-keys-notice";
  const FRENCH = window.dateFns && window.dateFns.locale ? window.dateFns.locale.fr : null;
  const state = { texts: null, observer: null, repairs: 0 };

  // Only checklists and radio items: a dropdown's options are rightly options of a listbox.
  const CHOICES = ":is(.dash-checklist, .dash-radioitems)";
  const REPAIRS = [
    [`${CHOICES}[role=listbox]`, ["role"]],
    [`${CHOICES} .dash-options-list-option:is([role=option], [aria-selected])`, ["role", "aria-selected"]],
    [".dash-datepicker-input-wrapper[aria-expanded], .dash-datepicker-input-wrapper[aria-haspopup]",
      ["aria-expanded", "aria-haspopup"]],
  ];

  function repair() {
    for (const [selector, attributes] of REPAIRS) {
      for (const element of document.querySelectorAll(selector)) {
        attributes.forEach((name) => element.removeAttribute(name));
        state.repairs += 1;
      }
    }
    // Hidden from assistive technology, so out of the Tab order too (still focusable by the dropdown itself).
    for (const element of document.querySelectorAll("[aria-hidden=true].dash-dropdown-focus-target:not([tabindex='-1'])")) {
      element.setAttribute("tabindex", "-1");
    }
    nameCalendar();
    translateLabels();
    nameCanvas();
  }

  // Dash names some buttons in English whatever the page's language ("Previous month"...): the original is
  // kept aside, so that switching back and forth finds it.
  function translateLabels() {
    const labels = (state.texts && state.texts.labels) || {};
    for (const element of document.querySelectorAll("[aria-label]")) {
      const original = element.dataset.dashLabel || element.getAttribute("aria-label");
      if (!(original in labels)) continue;
      element.dataset.dashLabel = original;
      if (element.getAttribute("aria-label") !== labels[original]) element.setAttribute("aria-label", labels[original]);
    }
  }

  // The date picker's pop-up calendar: a dialog and its year field, both unnamed by Dash.
  function nameCalendar() {
    if (!state.texts) return;
    for (const dialog of document.querySelectorAll("[role=dialog]:not([aria-label]):not([aria-labelledby])")) {
      if (dialog.querySelector(".dash-datepicker-calendar")) dialog.setAttribute("aria-label", state.texts.calendar);
    }
    const fields = ".dash-datepicker-controls input:not([aria-label]):not([aria-labelledby])";
    for (const field of document.querySelectorAll(fields)) {
      if (!field.labels || field.labels.length === 0) field.setAttribute("aria-label", state.texts.year);
    }
  }

  function watch() {
    if (state.observer) return;
    document.addEventListener("click", skipToMap);
    state.observer = new MutationObserver(repair);
    state.observer.observe(document.body, { childList: true, subtree: true,
      attributes: true, attributeFilter: ["role", "aria-selected", "aria-expanded", "aria-haspopup", "aria-hidden", "aria-label"] });
  }

  function useDateLocale(lang) {
    window.dateFns = { ...(window.dateFns || {}), locale: lang === "fr" && FRENCH ? { fr: FRENCH } : {} };
  }

  function canvas() {
    const container = document.getElementById(MAP_ID);
    return container ? container.querySelector("canvas") : null;
  }

  function say(text) {
    const notice = document.getElementById(NOTICE_ID);
    if (notice) notice.textContent = text;
  }

  // Enter: the building under the centre of the map, picked the way a click picks (twinBridge.pickAt).
  function openCentre(event) {
    if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.currentTarget, box = target.getBoundingClientRect();
    const hit = window.twinBridge && window.twinBridge.pickAt(box.width / 2, box.height / 2);
    event.preventDefault();
    if (hit && hit.row && hit.row.building_id) {
      say("");
      window.dash_clientside.set_props("selected-building", { data: String(hit.row.building_id) });
    } else if (state.texts) {
      say(state.texts.nothing);
    }
  }

  // The skip link (first Tab stop) gives the keyboard to the map itself, not just scrolls to it.
  function skipToMap(event) {
    const link = event.target.closest && event.target.closest(".skip-link");
    const element = link && canvas();
    if (!element) return;
    event.preventDefault();
    element.focus();
  }

  function nameCanvas() {
    const element = canvas();
    if (!element || !state.texts) return;
    if (element.getAttribute("aria-label") !== state.texts.canvas) {
      element.setAttribute("role", "application");
      element.setAttribute("aria-label", state.texts.canvas);
      element.setAttribute("aria-describedby", KEYS_ID);
    }
    if (!element.dataset.keys) {
      element.dataset.keys = "1";
      element.setAttribute("tabindex", "0");
      element.addEventListener("keydown", openCentre);
    }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    a11y: {
      // Input: {lang, labels, canvas, nothing, calendar, year} from callbacks/accessibility.py.
      apply(texts) {
        if (!texts) return window.dash_clientside.no_update;
        state.texts = texts;
        useDateLocale(texts.lang);
        watch();
        repair();
        return { lang: texts.lang, dateLocale: Object.keys(window.dateFns.locale).join(","), repairs: state.repairs };
      },
    },
  });
})();
