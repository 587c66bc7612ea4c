// Dashboards: the print view's "In trang này" button (no inline handlers: CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
