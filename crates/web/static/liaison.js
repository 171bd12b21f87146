// Progressive enhancement only: every page works without this file.

// Queue filters apply as soon as a choice is picked with the mouse or a finger, instead
// of waiting for the button. A choice changed with the keyboard (arrow keys change a
// closed select at every press) waits for the Apply button, so keyboard and screen
// reader users can move through the options without the page reloading under them.
var keyed = null;
document.addEventListener("keydown", function (event) {
  if (event.target.tagName === "SELECT" && event.key !== "Tab") { keyed = event.target; }
});
document.addEventListener("pointerdown", function () { keyed = null; });
document.addEventListener("change", function (event) {
  var select = event.target;
  var form = select.form;
  var byKeyboard = keyed === select;
  keyed = null;
  if (byKeyboard || !form || !form.classList.contains("filters") || select.tagName !== "SELECT") { return; }
  // After the reload, focus returns to the select that was changed.
  try { sessionStorage.setItem("liaison-refocus", select.id); } catch (e) { /* private mode */ }
  if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
});

document.addEventListener("DOMContentLoaded", function () {
  // Forms with errors: move focus to the summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); return; }
  // Phones: the queue's filters start folded unless one is set, so the list comes first.
  var box = document.querySelector("details.filters-box");
  if (box && window.matchMedia("(max-width: 40rem)").matches) {
    var set = Array.prototype.some.call(box.querySelectorAll("input, select"), function (c) {
      return c.type !== "hidden" && c.name !== "sort" && c.value !== "";
    });
    if (!set) { box.open = false; }
  }
  var id = null;
  try {
    id = sessionStorage.getItem("liaison-refocus");
    sessionStorage.removeItem("liaison-refocus");
  } catch (e) { /* private mode */ }
  var again = id && document.getElementById(id);
  if (again) { again.focus(); }
});
