// Charts on screen: each point's value in a tooltip, by mouse (the nearest point to the pointer) and by
// keyboard (the chart takes focus; the arrow keys, Home and End move from point to point, Escape hides
// the tooltip), and each value is read out by screen readers. The SVG is not redrawn: print and PDF show
// the same picture, and the table under the chart stays the text alternative.

function enhance(svg) {
  const points = Array.from(svg.querySelectorAll(".app-chart__point"));
  const figure = svg.closest("figure");
  if (!points.length || !figure || figure.dataset.enhanced) return;
  figure.dataset.enhanced = "yes";
  // The values move from the SVG's own titles (the browser's slow tooltip) to ours.
  points.forEach((point) => {
    const title = point.querySelector("title");
    point.dataset.tip = title ? title.textContent : "";
    if (title) title.remove();
  });
  const name = svg.getAttribute("aria-label") || "Chart";
  const tip = document.createElement("div");
  tip.className = "app-chart-tip";
  tip.setAttribute("aria-hidden", "true");
  tip.hidden = true;
  const live = document.createElement("p");
  live.className = "nhsuk-u-visually-hidden";
  live.setAttribute("role", "status");
  figure.classList.add("app-chart-figure--interactive");
  figure.tabIndex = 0;
  figure.setAttribute("role", "group");
  figure.setAttribute(
    "aria-label",
    `${name}. ${points.length} points: use the left and right arrow keys to read each one.`,
  );
  figure.append(tip, live);
  let current = -1;

  function show(index, announce) {
    current = Math.max(0, Math.min(points.length - 1, index));
    points.forEach((point, i) => point.classList.toggle("app-chart__point--active", i === current));
    const point = points[current];
    tip.textContent = point.dataset.tip;
    tip.hidden = false;
    const box = figure.getBoundingClientRect();
    const dot = point.getBoundingClientRect();
    const left = dot.left + dot.width / 2 - box.left;
    tip.style.left = `${Math.max(0, Math.min(box.width - tip.offsetWidth, left - tip.offsetWidth / 2))}px`;
    tip.style.top = `${Math.max(0, dot.top - box.top - tip.offsetHeight - 8)}px`;
    if (announce) live.textContent = `Point ${current + 1} of ${points.length}: ${point.dataset.tip}`;
  }

  function hide() {
    tip.hidden = true;
    points.forEach((point) => point.classList.remove("app-chart__point--active"));
  }

  svg.addEventListener("pointermove", (event) => {
    let nearest = 0;
    let distance = Infinity;
    points.forEach((point, i) => {
      const dot = point.getBoundingClientRect();
      const gap = Math.abs(dot.left + dot.width / 2 - event.clientX);
      if (gap < distance) {
        nearest = i;
        distance = gap;
      }
    });
    if (nearest !== current || tip.hidden) show(nearest, false);
  });
  svg.addEventListener("pointerleave", () => {
    if (document.activeElement !== figure) hide();
  });
  figure.addEventListener("focus", () => show(current < 0 ? points.length - 1 : current, true));
  figure.addEventListener("blur", hide);
  figure.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: points.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(moves[event.key], true);
    } else if (event.key === "Escape") {
      hide();
    }
  });
}

document.querySelectorAll("svg.app-chart").forEach(enhance);
