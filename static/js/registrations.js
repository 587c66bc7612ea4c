// Registrations form: add a row for one more measurable target (the form works without this:
// saving the draft adds an empty row).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-target]");
    if (!button) return;
    var form = button.closest("form");
    var template = form && form.querySelector("template.target-template");
    var total = form && form.querySelector("input[name$='-TOTAL_FORMS']");
    var rows = form && form.querySelector(".target-rows");
    if (!template || !total || !rows) return;
    var max = parseInt((form.querySelector("input[name$='-MAX_NUM_FORMS']") || {}).value || "20", 10);
    var index = parseInt(total.value, 10);
    if (index >= max) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = rows.lastElementChild && rows.lastElementChild.querySelector("input");
    if (first) first.focus();
    if (index + 1 >= max) button.hidden = true;
  });

  // The button only makes sense with this script: show it.
  document.querySelectorAll("[data-add-target]").forEach(function (button) {
    button.hidden = false;
  });
})();
