// Monthly inspection form, progressive enhancements (the form works without them; no inline script, CSP):
// - only the fields and statuses of a finding's type; "本月未发现问题" hides and clears the findings block;
// - what is typed is kept in localStorage and comes back after a reload or a lost connection;
// - a confirmation that summarises what is sent;
// - a submit made offline is queued and sent once the connection returns. The form's SubmissionKey makes the
//   server answer "already received" to a repeated post, so a queued post is stored exactly once.
// - photos go only with a post made online (multipart); the draft and the offline queue keep the text alone, and the
//   form says so (decision 0014).
(() => {
    const QUEUE = "sanling.inspection.queue";
    const form = document.getElementById("inspection-form");
    const queueStatus = document.getElementById("queue-status");

    const readJson = (key, fallback) => {
        try {
            return JSON.parse(localStorage.getItem(key)) ?? fallback;
        } catch {
            return fallback;
        }
    };
    const queue = () => readJson(QUEUE, []);
    const saveQueue = (items) => (items.length ? localStorage.setItem(QUEUE, JSON.stringify(items)) : localStorage.removeItem(QUEUE));
    const say = (text, kind) => {
        if (!queueStatus) {
            return;
        }
        queueStatus.hidden = false;
        queueStatus.className = `alert alert-${kind || "info"} py-2 small form-narrow`;
        queueStatus.textContent = text;
    };

    async function post(url, data) {
        // FormData (photos included) is sent as multipart with its own boundary; queued text as urlencoded.
        const headers = data instanceof FormData
            ? { Accept: "application/json" }
            : { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
        const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin", headers });
        const json = await response.json().catch(() => ({}));
        return { ok: response.ok && (json.status === "received" || json.status === "duplicate"), status: response.status, ...json };
    }

    // ---- The queue: sent when the connection returns, one at a time, removed once the server answered ----
    let flushing = false;
    async function flushQueue() {
        if (flushing || !navigator.onLine || queue().length === 0) {
            return;
        }
        flushing = true;
        try {
            for (const item of queue()) {
                say(form?.dataset.queueSending || "…");
                let answer;
                try {
                    answer = await post(item.url, item.body);
                } catch {
                    return; // still offline: try again on the next "online"
                }
                saveQueue(queue().filter((q) => q.key !== item.key));
                if (answer.ok) {
                    localStorage.removeItem(item.draftKey);
                    say(answer.message, answer.status === "duplicate" ? "warning" : "success");
                    if (form && item.draftKey === form.dataset.draftKey) {
                        window.location.assign(answer.next);
                    }
                } else {
                    say(`${form?.dataset.queueRefused || ""}${answer.message || answer.status}`, "danger");
                }
            }
        } finally {
            flushing = false;
        }
    }
    window.addEventListener("online", flushQueue);

    // ---- Finding rows: fields and statuses of the chosen type ----
    const statusTemplate = document.getElementById("status-options");
    const applyType = (row) => {
        const type = row.querySelector(".finding-type")?.value || "";
        row.dataset.type = type;
        const select = row.querySelector(".finding-status");
        if (!select || !statusTemplate) {
            return;
        }
        const chosen = select.value;
        select.querySelectorAll("optgroup").forEach((group) => group.remove());
        select.querySelectorAll("option").forEach((o) => o.value !== "" && o.remove());
        statusTemplate.content.querySelectorAll("option").forEach((option) => {
            if (type === "" || option.dataset.type === type) {
                select.append(option.cloneNode(true));
            }
        });
        select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "";
    };
    const wireRow = (row) => {
        row.classList.add("js-typed");
        applyType(row);
        row.querySelector(".finding-type")?.addEventListener("change", () => applyType(row));
    };
    document.querySelectorAll(".finding-row").forEach(wireRow);

    if (!form) {
        flushQueue();
        return;
    }
    const readOnly = form.dataset.readonly === "true";
    const findings = document.getElementById("findings");
    const block = document.getElementById("findings-block");
    const nothingFound = document.getElementById("NothingFound");
    const draftKey = form.dataset.draftKey;
    const versionOf = () => form.querySelector("input[name='Version']")?.value || "";

    // A new empty row made here (also offline), numbered after the last one.
    const addRow = () => {
        const rows = findings.querySelectorAll(".finding-row");
        const last = rows[rows.length - 1];
        if (!last) {
            return null;
        }
        const index = rows.length;
        const row = last.cloneNode(true);
        const rename = (value) => value && value.replace(/Findings\[\d+\]/g, `Findings[${index}]`);
        row.querySelectorAll("[name], [id], [for], [data-field]").forEach((el) => {
            ["name", "id", "for", "data-field"].forEach((attr) => el.hasAttribute(attr) && el.setAttribute(attr, rename(el.getAttribute(attr))));
        });
        row.querySelectorAll("input[type='hidden'], .finding-photos").forEach((el) => el.remove());
        row.querySelectorAll("input[name$='.Remove']").forEach((el) => el.closest(".col-12")?.remove());
        row.querySelectorAll(".invalid-feedback, field-error").forEach((el) => (el.textContent = ""));
        row.querySelectorAll("input, textarea, select").forEach((el) => {
            if (el.type === "checkbox") {
                el.checked = false;
            } else {
                el.value = "";
            }
            el.classList.remove("is-invalid");
        });
        const legend = row.querySelector("legend");
        if (legend) {
            legend.textContent = findings.dataset.legend.replace("{0}", index + 1);
        }
        findings.append(row);
        wireRow(row);
        return row;
    };

    // ---- "本月未发现问题" hides and clears the findings; unticking brings the block back ----
    const clearFindings = () => {
        findings.querySelectorAll(".finding-row").forEach((row) => {
            const remove = row.querySelector("input[name$='.Remove']");
            if (remove) {
                // A finding already saved is deleted on submit (the confirmation says so).
                remove.checked = true;
                return;
            }
            row.querySelectorAll("input:not([type='hidden']), textarea, select").forEach((el) => {
                if (el.type === "checkbox") {
                    el.checked = false;
                } else {
                    el.value = "";
                }
            });
            applyType(row);
        });
    };
    const applyNothingFound = () => {
        if (!nothingFound || !block) {
            return;
        }
        if (nothingFound.checked) {
            clearFindings();
        } else {
            findings.querySelectorAll("input[name$='.Remove']").forEach((el) => (el.checked = false));
        }
        block.hidden = nothingFound.checked;
    };
    nothingFound?.addEventListener("change", () => {
        applyNothingFound();
        saveDraft();
    });
    // Typing a finding answers the question the other way.
    block?.addEventListener("input", (event) => {
        if (nothingFound?.checked && !event.target.name?.endsWith(".Remove")) {
            nothingFound.checked = false;
        }
    });

    // ---- Drafts in localStorage ----
    const skipped = (name) => !name || name === "__RequestVerificationToken" || name === "Command" || name === "SubmissionKey"
        || name === "Version" || name.endsWith(".Version") || name.endsWith(".Id") || ["SubjectId", "GridId", "Month"].includes(name);
    const values = () => {
        const result = {};
        form.querySelectorAll("input, textarea, select").forEach((el) => {
            // A chosen photo cannot be kept in localStorage (nor put back into a file input).
            if (skipped(el.name) || el.type === "file") {
                return;
            }
            result[el.name] = el.type === "checkbox" ? el.checked : el.value;
        });
        return result;
    };
    let initial = values();
    function saveDraft() {
        if (readOnly || !draftKey) {
            return;
        }
        const now = values();
        if (JSON.stringify(now) === JSON.stringify(initial)) {
            localStorage.removeItem(draftKey);
            return;
        }
        localStorage.setItem(draftKey, JSON.stringify({ version: versionOf(), savedAt: new Date().toISOString(), values: now }));
    }
    const restoreDraft = () => {
        const draft = readJson(draftKey, null);
        // A draft typed over an older saved version is stale: what the server has now wins.
        if (!draft || draft.version !== versionOf() || JSON.stringify(draft.values) === JSON.stringify(initial)) {
            if (draft && draft.version !== versionOf()) {
                localStorage.removeItem(draftKey);
            }
            return;
        }
        const maxRow = Math.max(-1, ...Object.keys(draft.values).map((name) => Number(/^Findings\[(\d+)\]/.exec(name)?.[1] ?? -1)));
        while (findings.querySelectorAll(".finding-row").length <= maxRow && maxRow < 50) {
            if (!addRow()) {
                break;
            }
        }
        // Types first, so that each row offers the statuses of its type before they are set.
        const names = Object.keys(draft.values).sort((a, b) => (b.endsWith(".Type") ? 1 : 0) - (a.endsWith(".Type") ? 1 : 0));
        names.forEach((name) => {
            const el = form.querySelector(`[name="${CSS.escape(name)}"]:not([type='hidden'])`);
            if (!el) {
                return;
            }
            if (el.type === "checkbox") {
                el.checked = draft.values[name] === true;
            } else {
                el.value = draft.values[name];
            }
            if (name.endsWith(".Type")) {
                applyType(el.closest(".finding-row"));
            }
        });
        if (nothingFound && block) {
            block.hidden = nothingFound.checked;
        }
        const notice = document.getElementById("draft-notice");
        const when = new Date(draft.savedAt);
        document.getElementById("draft-notice-text").textContent =
            form.dataset.draftRestored.replace("{0}", when.toLocaleString(document.documentElement.lang || undefined, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }));
        notice.hidden = false;
        document.getElementById("draft-discard")?.addEventListener("click", () => {
            localStorage.removeItem(draftKey);
            window.location.reload();
        });
    };
    if (!readOnly) {
        restoreDraft();
        if (nothingFound?.checked && block) {
            block.hidden = true;
        }
        form.addEventListener("input", saveDraft);
        form.addEventListener("change", saveDraft);
    }

    // ---- Add a row without a round trip (works offline) ----
    document.getElementById("add-row-button")?.addEventListener("click", (event) => {
        event.preventDefault();
        const row = addRow();
        row?.querySelector(".finding-type")?.focus();
        saveDraft();
    });

    // ---- Confirmation and sending ----
    const dialog = document.getElementById("confirm-dialog");
    const summary = document.getElementById("confirm-summary");
    const line = (text) => {
        const li = document.createElement("li");
        li.textContent = text;
        summary.append(li);
    };
    const summarise = () => {
        summary.replaceChildren();
        line(`${form.dataset.summaryDate}: ${form.querySelector("#InspectedOn")?.value || ""}`);
        line(`${form.dataset.summaryInspector}: ${form.querySelector("#Inspector")?.value || ""}`);
        if (nothingFound?.checked) {
            line(form.dataset.summaryNothing);
        }
        const rows = [...findings.querySelectorAll(".finding-row")];
        const kept = rows.filter((row) => !row.querySelector("input[name$='.Remove']")?.checked
            && (row.querySelector(".finding-type")?.value || row.querySelector("textarea")?.value.trim()));
        const removed = rows.filter((row) => row.querySelector("input[name$='.Remove']")?.checked);
        if (kept.length) {
            line(form.dataset.summaryFindings.replace("{0}", kept.length));
            kept.forEach((row) => {
                const type = row.querySelector(".finding-type");
                const status = row.querySelector(".finding-status");
                const typeText = type?.value ? type.options[type.selectedIndex].text : form.dataset.summaryUntyped;
                const statusText = status?.value ? ` · ${status.options[status.selectedIndex].text}` : "";
                const photoCount = photosIn(row);
                const photoText = photoCount ? ` · ${form.dataset.summaryPhotos.replace("{0}", photoCount)}` : "";
                line(`· ${typeText}${statusText}${photoText}: ${row.querySelector("textarea")?.value.trim() || ""}`);
            });
        }
        if (removed.length) {
            line(form.dataset.summaryRemoved.replace("{0}", removed.length));
        }
    };
    const photosIn = (row) => [...row.querySelectorAll("input[type='file']")].reduce((n, input) => n + (input.files?.length || 0), 0);
    const hasPhotos = () => photosIn(form) > 0;
    // The text of the form, without files: what the offline queue keeps.
    const body = (command) => {
        const data = new URLSearchParams();
        new FormData(form).forEach((value, name) => typeof value === "string" && data.append(name, value));
        data.set("Command", command);
        return data.toString();
    };
    const withPhotos = (command) => {
        const data = new FormData(form);
        data.set("Command", command);
        return data;
    };
    const enqueue = () => {
        const items = queue().filter((item) => item.key !== form.querySelector("input[name='SubmissionKey']").value);
        items.push({ url: form.action, body: body("submit"), key: form.querySelector("input[name='SubmissionKey']").value, draftKey, queuedAt: new Date().toISOString() });
        saveQueue(items);
        say(hasPhotos() ? `${form.dataset.offlineQueued} ${form.dataset.offlinePhotos}` : form.dataset.offlineQueued, "warning");
    };
    let bypass = false;
    const sendNow = async () => {
        if (!navigator.onLine) {
            enqueue();
            return;
        }
        try {
            const answer = await post(form.action, hasPhotos() ? withPhotos("submit") : body("submit"));
            if (answer.ok) {
                localStorage.removeItem(draftKey);
                window.location.assign(answer.next);
            } else {
                // Refused (a field to correct): the ordinary post shows the messages beside the fields.
                bypass = true;
                form.requestSubmit(document.getElementById("submit-button"));
            }
        } catch {
            enqueue();
        }
    };
    form.addEventListener("submit", (event) => {
        if (bypass) {
            return;
        }
        const command = event.submitter?.value;
        if (command === "submit" && dialog?.showModal) {
            event.preventDefault();
            summarise();
            dialog.showModal();
        } else if (command === "draft" && !navigator.onLine) {
            event.preventDefault();
            saveDraft();
            say(form.dataset.offlineDraft, "warning");
        }
    });
    document.getElementById("confirm-cancel")?.addEventListener("click", () => dialog.close());
    document.getElementById("confirm-submit")?.addEventListener("click", () => {
        dialog.close();
        sendNow();
    });

    if (queue().some((item) => item.draftKey === draftKey)) {
        say(form.dataset.offlineQueued, "warning");
    }
    flushQueue();
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
