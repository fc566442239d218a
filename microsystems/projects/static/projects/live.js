// Parts of a page that refresh themselves (marked data-live: meeting mode's open tool, the fishbone,
// a brainstorm) so that what others add appears on every screen. A refresh is skipped while the person
// is in a field or has changed one without sending it, so nothing they typed is lost; the next one
// comes a few seconds later. Nor does a page refresh while it is not being looked at (another tab).

const changed = (region) => {
  const active = document.activeElement;
  if (active && region.contains(active) && active.matches("input, select, textarea")) return true;
  for (const field of region.querySelectorAll("input:not([type=hidden]), textarea")) {
    if (field.value !== field.defaultValue) return true;
  }
  for (const select of region.querySelectorAll("select")) {
    const initial = [...select.options].findIndex((option) => option.defaultSelected);
    if (select.selectedIndex !== Math.max(initial, 0)) return true;
  }
  return false;
};

document.addEventListener("htmx:beforeRequest", (event) => {
  const region = event.detail.elt;
  if (!(region instanceof Element) || !region.hasAttribute("data-live")) return;
  if (event.detail.requestConfig.verb === "get" && (document.hidden || changed(region))) {
    event.preventDefault();
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
