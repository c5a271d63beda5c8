// Monthly inspection form: show only the fields of the chosen finding type (dispute or hazard).
// Without JavaScript every field stays visible and the server ignores those of the other type.
(() => {
    const apply = (row) => {
        const type = row.querySelector(".finding-type")?.value || "";
        row.dataset.type = type;
    };
    document.querySelectorAll(".finding-row").forEach((row) => {
        row.classList.add("js-typed");
        apply(row);
        row.querySelector(".finding-type")?.addEventListener("change", () => apply(row));
    });
})();
