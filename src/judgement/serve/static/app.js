// What if: as a figure changes, the case is judged again through /api/whatif, the grades that moved are
// marked, and the address and the link to the case judged keep in step, so the address is the page.
"use strict";
(function () {
  const page = document.querySelector("section.whatif");
  if (!page) return;
  const form = document.getElementById("whatif-form");
  const status = document.getElementById("status");
  const caseLink = document.getElementById("case-link");
  const authority = page.dataset.authority;
  const year = page.dataset.year;
  let timer = null;
  let asked = 0;

  function changes() {
    const out = {};
    for (const field of form.querySelectorAll("input[type=number][data-measure]")) {
      if (field.value !== "" && Number(field.value) !== Number(field.dataset.given)) {
        out[field.dataset.measure] = Number(field.value);
      }
    }
    return out;
  }

  function query(found) {
    const params = new URLSearchParams({ authority: authority, year: year });
    for (const [measure, value] of Object.entries(found)) params.append("set." + measure, String(value));
    return params.toString();
  }

  async function judge() {
    const found = changes();
    const ticket = ++asked;
    status.textContent = "Judging…";
    let answer;
    try {
      const response = await fetch("/api/whatif", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ authority: authority, year: Number(year), changes: found }),
      });
      answer = await response.json();
      if (!response.ok) {
        status.textContent = answer.problems.map((p) => p.message).join("; ");
        return;
      }
    } catch (error) {
      status.textContent = "The server could not be reached.";
      return;
    }
    if (ticket !== asked) return; // a later change is being judged
    for (const shift of answer.shifts) {
      const row = document.querySelector('#grades tr[data-area="' + CSS.escape(shift.area) + '"]');
      if (!row) continue;
      row.querySelector("td.new").textContent = shift.new_label;
      row.classList.toggle("moved", shift.changed);
    }
    for (const field of form.querySelectorAll(".field")) {
      const input = field.querySelector("input[type=number]");
      field.classList.toggle("changed", input.dataset.measure in found);
    }
    const moved = answer.shifts.filter((s) => s.changed).length;
    status.textContent = moved ? moved + " grade" + (moved === 1 ? "" : "s") + " changed." : "No grade changed.";
    const address = "/whatif?" + query(found);
    history.replaceState(null, "", address);
    caseLink.href = "/case.json?" + query(found);
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(judge, 200);
  }

  for (const slider of form.querySelectorAll("input[type=range][data-measure]")) {
    const number = document.getElementById("f-" + slider.dataset.measure);
    slider.addEventListener("input", () => { number.value = slider.value; soon(); });
    number.addEventListener("input", () => { slider.value = number.value; soon(); });
  }
})();
