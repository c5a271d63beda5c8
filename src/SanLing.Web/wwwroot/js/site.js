// Small progressive enhancements; pages work without them. No inline scripts (CSP).
document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});

// A page meant for paper (recovery codes) offers a print button.
document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
        window.print();
    }
});

// Exports: the link shows "正在生成…" (its data-busy-text) until the file has arrived, then saves it under the server's
// file name. Without fetch or on an error the link is simply followed, as without script.
document.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-download]");
    if (!link || link.getAttribute("aria-busy") === "true" || event.ctrlKey || event.metaKey || event.shiftKey || typeof window.fetch !== "function") {
        if (link && link.getAttribute("aria-busy") === "true") {
            event.preventDefault();
        }
        return;
    }
    event.preventDefault();
    const label = link.textContent;
    link.setAttribute("aria-busy", "true");
    link.classList.add("disabled");
    link.textContent = link.getAttribute("data-busy-text") || label;
    try {
        const response = await fetch(link.href, { credentials: "same-origin" });
        const disposition = response.headers.get("Content-Disposition") || "";
        if (!response.ok || !/attachment/i.test(disposition)) {
            window.location.href = link.href;
            return;
        }
        const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
        const plain = /filename="?([^";]+)"?/i.exec(disposition);
        const name = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : "export.xlsx";
        const url = URL.createObjectURL(await response.blob());
        const save = document.createElement("a");
        save.href = url;
        save.download = name;
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch {
        window.location.href = link.href;
    } finally {
        link.textContent = label;
        link.classList.remove("disabled");
        link.removeAttribute("aria-busy");
    }
});
