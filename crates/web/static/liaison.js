// Progressive enhancement only: every page works without this file.
// Queue filters apply as soon as a choice changes, instead of waiting for the button.
document.addEventListener("change", function (event) {
  var form = event.target.form;
  if (form && form.classList.contains("filters") && event.target.tagName === "SELECT") {
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }
});
// Forms with errors: move focus to the summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
