// Subject picker: an input[data-subject-picker] (a subject code field that works on its own) gains a list of the
// subjects in the user's scope that match what is typed: code, name or pinyin initials ("stc" → 上塘村).
// Served as a file (CSP: no inline script); styles in site.css.
(() => {
    const pickers = document.querySelectorAll("input[data-subject-picker]");
    pickers.forEach((input, index) => {
        const url = input.getAttribute("data-subject-picker");
        const list = document.createElement("ul");
        list.className = "list-group subject-picker-list d-none";
        list.id = `subject-picker-list-${index}`;
        list.setAttribute("role", "listbox");
        const chosen = document.createElement("div");
        chosen.className = "form-text subject-picker-chosen";
        chosen.setAttribute("aria-live", "polite");
        chosen.textContent = input.getAttribute("data-picker-hint") || "";
        input.parentElement.classList.add("position-relative");
        input.after(list);
        list.after(chosen);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);

        let items = [];
        let active = -1;
        let timer = 0;
        let request = 0;

        const close = () => {
            list.classList.add("d-none");
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        };

        const choose = (item) => {
            input.value = item.code;
            chosen.textContent = `${item.name}${item.territory ? " · " + item.territory : ""}`;
            close();
        };

        const highlight = (i) => {
            const options = list.querySelectorAll("[role=option]");
            options.forEach((o, n) => {
                o.classList.toggle("active", n === i);
                o.setAttribute("aria-selected", n === i ? "true" : "false");
            });
            active = i;
            if (options[i]) {
                input.setAttribute("aria-activedescendant", options[i].id);
                options[i].scrollIntoView({ block: "nearest" });
            }
        };

        const render = () => {
            list.replaceChildren();
            if (items.length === 0) {
                const empty = document.createElement("li");
                empty.className = "list-group-item small text-muted";
                empty.textContent = input.getAttribute("data-picker-empty") || "";
                list.append(empty);
            }
            items.forEach((item, n) => {
                const option = document.createElement("li");
                option.className = "list-group-item list-group-item-action small";
                option.id = `${list.id}-${n}`;
                option.setAttribute("role", "option");
                const code = document.createElement("span");
                code.className = "fw-semibold me-2";
                code.textContent = item.code;
                const name = document.createElement("span");
                name.lang = "zh-CN";
                name.textContent = item.name;
                const meta = document.createElement("span");
                meta.className = "text-muted ms-2";
                meta.textContent = [item.kind, item.territory].filter(Boolean).join(" · ");
                option.append(code, name, meta);
                // mousedown, not click: it runs before the input's blur closes the list.
                option.addEventListener("mousedown", (event) => {
                    event.preventDefault();
                    choose(item);
                });
                list.append(option);
            });
            list.classList.remove("d-none");
            input.setAttribute("aria-expanded", "true");
            active = -1;
        };

        const search = async () => {
            const q = input.value.trim();
            if (q.length === 0) {
                close();
                return;
            }
            const mine = ++request;
            try {
                const response = await fetch(`${url}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
                if (!response.ok || mine !== request) {
                    return;
                }
                items = await response.json();
                render();
            } catch {
                // Offline or signed out: the field still takes a typed code.
            }
        };

        input.addEventListener("input", () => {
            window.clearTimeout(timer);
            timer = window.setTimeout(search, 200);
        });
        input.addEventListener("keydown", (event) => {
            if (list.classList.contains("d-none")) {
                return;
            }
            if (event.key === "ArrowDown" && items.length > 0) {
                event.preventDefault();
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp" && items.length > 0) {
                event.preventDefault();
                highlight((active - 1 + items.length) % items.length);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                choose(items[active]);
            } else if (event.key === "Escape") {
                close();
            }
        });
        input.addEventListener("blur", close);
    });
})();
