// Small progressive enhancements; pages work without them. No inline scripts (CSP).
document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});

// A "print" button (data-print): the page's own print stylesheet does the rest.
document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
        window.print();
    }
});
