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

// "复制提醒文本": copies the prepared reminder; the text stays visible in its textarea for copying by hand.
(() => {
    const button = document.getElementById("copy-reminder");
    if (!button) {
        return;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
        const area = document.querySelector(button.dataset.copyTarget);
        try {
            await navigator.clipboard.writeText(area.value);
        } catch {
            area.select();
            document.execCommand("copy");
        }
        button.textContent = button.dataset.copiedText;
    });
})();
