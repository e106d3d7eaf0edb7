// Ctrl+Enter (Cmd+Enter on a Mac) in the article change form: "Save and next".
// A static file rather than inline script: the Content Security Policy
// allows no inline script.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const button = document.querySelector('input[name="_save_next"]');
  if (!button || !button.form) return;
  event.preventDefault();
  button.form.requestSubmit(button);
});

// Three accessibility gaps in widgets the admin builds with scripts, closed as
// they appear: the search box autocomplete fields (select2) add has no
// label, an empty single-choice autocomplete box has no name (select2 names
// it by its choice, in a title it removes when there is none), and the filter icons of the topics chooser carry an aria-label
// without a role, which assistive technology may ignore.
function labelAdminWidgets(root) {
  root.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
    const container = field.closest(".select2-container");
    const select = container && container.previousElementSibling;
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    field.setAttribute("aria-label", label ? `Search ${label.textContent.replace(/:$/, "")}` : "Search");
  });
  root.querySelectorAll(".select2-selection__rendered[role=textbox]:not([title])").forEach((box) => {
    const select = box.closest(".select2-container")?.previousElementSibling;
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    box.setAttribute("title", `${label ? label.textContent.replace(/:$/, "") : "Choice"}: none chosen`);
  });
  root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
    icon.setAttribute("role", "img");
  });
}

new MutationObserver(() => labelAdminWidgets(document)).observe(document, {
  childList: true,
  subtree: true,
});

// Correction boxes grow with their text where the browser cannot size a
// field by its content itself (CSS field-sizing).
function growWithText(box) {
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + 2}px`;
}

document.addEventListener("DOMContentLoaded", () => {
  if (CSS.supports("field-sizing", "content")) return;
  document.querySelectorAll("textarea.grows").forEach((box) => {
    growWithText(box);
    box.addEventListener("input", () => growWithText(box));
  });
});
