// The data grid: a block pasted from a spreadsheet into any cell fills the cells from there, adding rows
// as needed, so that thirty rows copied from Excel land in one paste.
const grid = document.querySelector("[data-paste-grid]");
const counter = document.querySelector("[data-grid-rows]");

function rows() {
  return Array.from(grid.tBodies[0].rows);
}

function addRow() {
  const body = grid.tBodies[0];
  const last = body.rows[body.rows.length - 1];
  const index = body.rows.length;
  const copy = last.cloneNode(true);
  copy.querySelectorAll("input").forEach((input) => {
    const name = input.name.replace(/_\d+$/, `_${index}`);
    input.name = name;
    input.id = name;
    input.value = "";
  });
  copy.querySelectorAll("label").forEach((label) => {
    label.htmlFor = label.htmlFor.replace(/_\d+$/, `_${index}`);
    label.textContent = label.textContent.replace(/row \d+$/, `row ${index + 1}`);
  });
  body.appendChild(copy);
  counter.value = String(body.rows.length);
}

function onPaste(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement)) return;
  const text = (event.clipboardData || window.clipboardData).getData("text");
  if (!/[\t\n]/.test(text.trim())) return;
  event.preventDefault();
  const lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
  const cell = input.closest("td");
  const startRow = rows().indexOf(input.closest("tr"));
  const startColumn = Array.from(cell.parentElement.cells).indexOf(cell);
  lines.forEach((line, offset) => {
    while (rows().length <= startRow + offset) addRow();
    const row = rows()[startRow + offset];
    line.split("\t").forEach((value, column) => {
      const target = row.cells[startColumn + column]?.querySelector("input");
      if (target) target.value = value.trim();
    });
  });
}

if (grid && counter) grid.addEventListener("paste", onPaste);
