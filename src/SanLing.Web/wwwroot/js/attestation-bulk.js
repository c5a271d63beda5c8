// Bulk attestation: the header checkbox ticks or clears every subject of the page. Served as a file (CSP: no inline script).
(() => {
    const toggle = document.getElementById("bulk-toggle");
    if (!toggle) {
        return;
    }
    const boxes = () => document.querySelectorAll("input.bulk-subject");
    toggle.addEventListener("change", () => boxes().forEach((box) => { box.checked = toggle.checked; }));
})();
