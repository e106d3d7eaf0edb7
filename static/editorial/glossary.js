// "Select all" and "Select none" for the wrong renderings found in articles.
// Shown only where scripts run: without them the boxes are ticked one by one.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".tick-buttons").forEach((group) => {
    group.hidden = false;
  });
  document.querySelectorAll("button[data-tick]").forEach((button) => {
    button.addEventListener("click", () => {
      const ticked = button.dataset.tick === "all";
      button.form.querySelectorAll('input[name="occurrence"]').forEach((box) => {
        box.checked = ticked;
      });
    });
  });
});
