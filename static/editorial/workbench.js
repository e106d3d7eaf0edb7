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
