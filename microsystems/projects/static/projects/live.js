// Parts of a page that refresh themselves (marked data-live: meeting mode's open tool, the fishbone,
// a brainstorm) so that what others add appears on every screen. A refresh is skipped while the person
// is in a field or has changed one without sending it, so nothing they typed is lost; the next one
// comes a few seconds later. Nor does a page refresh while it is not being looked at (another tab).
//
// Answers can arrive in another order than their requests, and a change sent from a region can be
// answered after a refresh or another change has already redrawn that region. So every request from a
// live region is numbered, and its answer is drawn only if nothing sent later has been drawn already;
// a refresh is dropped if the person touched the region, or sent a change, after it was asked for; and
// an answer whose region was redrawn meanwhile is drawn into the region now on the page. What the person
// has typed elsewhere in the region, outside the form that was sent, is carried into the redrawn region.

// Per live region (by its id): requests numbered, the number of the answer drawn last, how many
// changes are on their way, and a count of what the person did there (typing, choosing, sending).
const regions = new Map();
const stateOf = (id) => {
  if (!regions.has(id)) regions.set(id, { sent: 0, drawn: 0, sending: 0, touched: 0 });
  return regions.get(id);
};
const liveRegionOf = (element) => (element instanceof Element ? element.closest("[data-live][id]") : null);

for (const kind of ["input", "change", "focusin"]) {
  document.addEventListener(kind, (event) => {
    const region = liveRegionOf(event.target);
    if (region) stateOf(region.id).touched += 1;
  });
}

const fieldsIn = (element) => element.querySelectorAll("input:not([type=hidden]), textarea, select");
const wasChanged = (field) => {
  if (field instanceof HTMLSelectElement) {
    const initial = [...field.options].findIndex((option) => option.defaultSelected);
    return field.selectedIndex !== Math.max(initial, 0);
  }
  if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
  return field.value !== field.defaultValue;
};
const changed = (region) => {
  const active = document.activeElement;
  if (active && region.contains(active) && active.matches("input, select, textarea")) return true;
  return [...fieldsIn(region)].some(wasChanged);
};

// The region is replaced as soon as this returns; the typing is put back straight after.
const carryOverTyping = (region, sentFields) => {
  const typed = [];
  for (const field of fieldsIn(region)) {
    if (field.id && !sentFields.has(field.id) && wasChanged(field)) {
      typed.push([field.id, field.value, field.checked]);
    }
  }
  if (!typed.length) return;
  queueMicrotask(() => {
    for (const [id, value, checked] of typed) {
      const field = document.getElementById(id);
      if (!field || !field.isConnected) continue;
      if (field.type === "checkbox" || field.type === "radio") field.checked = checked;
      else field.value = value;
    }
  });
};

const beforeDrawing = (event) => {
  const request = event.detail.xhr && event.detail.xhr.liveRequest;
  if (!request) return;
  const state = stateOf(request.region);
  if (request.number < state.drawn || (!request.change && state.touched !== request.touched)) {
    event.detail.shouldSwap = false;
    return;
  }
  const target = event.detail.target;
  if (target && !target.isConnected && target.id) {
    const current = document.getElementById(target.id);
    if (!current) {
      event.detail.shouldSwap = false;
      return;
    }
    event.detail.target = current;
  }
  if (!event.detail.shouldSwap) return;
  state.drawn = request.number;
  carryOverTyping(event.detail.target, request.sentFields);
};
const listening = new WeakSet();

document.addEventListener("htmx:beforeRequest", (event) => {
  const region = liveRegionOf(event.detail.elt);
  if (!region) return;
  const state = stateOf(region.id);
  const change = event.detail.requestConfig.verb !== "get";
  if (!change && (document.hidden || state.sending > 0 || changed(region))) {
    event.preventDefault();
    return;
  }
  state.sent += 1;
  if (change) {
    state.sending += 1;
    state.touched += 1;
    // Answered, failed or cut off: refreshes may go again.
    event.detail.xhr.addEventListener("loadend", () => {
      state.sending -= 1;
    });
  }
  const sentFields = new Set(change ? [...fieldsIn(event.detail.elt)].map((field) => field.id) : []);
  event.detail.xhr.liveRequest = { region: region.id, number: state.sent, change, touched: state.touched, sentFields };
  // The answer's event fires on the element it will replace, which may have left the page by then
  // (and so no longer passes events up to the document): listen on that element itself.
  const target = event.detail.target;
  if (target && !listening.has(target)) {
    listening.add(target);
    target.addEventListener("htmx:beforeSwap", beforeDrawing);
  }
});

// Signed out meanwhile (the session ended, or someone signed out in another tab): a refresh is answered
// with the sign-in page. Go there, rather than drawing it inside this page.
document.addEventListener("htmx:beforeSwap", (event) => {
  const answered = event.detail.xhr && event.detail.xhr.responseURL;
  if (answered && new URL(answered).pathname.startsWith("/sign-in/")) {
    event.detail.shouldSwap = false;
    window.location.assign(answered);
  }
});
