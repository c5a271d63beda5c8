// 用户管理: the scope picker shows only the choices of the chosen role and filters them as you type;
// "system generates the password" hides the typed-password fields. The page works without this script.
(function () {
    const role = document.getElementById("Role");
    const scope = document.getElementById("ScopeCode");
    const filter = document.getElementById("scope-filter");

    function scopeKind() {
        const option = role && role.selectedOptions[0];
        return option ? option.getAttribute("data-scope-kind") : "None";
    }

    function applyScope() {
        if (!role || !scope) {
            return;
        }
        const kind = scopeKind();
        const text = filter ? filter.value.trim().toLowerCase() : "";
        const none = kind === "None";
        scope.disabled = none;
        if (filter) {
            filter.disabled = none;
        }
        scope.querySelectorAll("optgroup").forEach((group) => {
            const fits = group.getAttribute("data-scope-kind") === kind;
            group.hidden = !fits;
            group.querySelectorAll("option").forEach((option) => {
                option.hidden = !fits || (text !== "" && !option.text.toLowerCase().includes(text));
            });
        });
        // A choice of another role's kind is dropped; one merely filtered out by the typed text is kept.
        const chosen = scope.selectedOptions[0];
        const group = chosen && chosen.parentElement.tagName === "OPTGROUP" ? chosen.parentElement : null;
        if (none || (group && group.hidden)) {
            scope.value = "";
        }
    }

    if (role && scope) {
        if (filter) {
            filter.classList.remove("d-none");
            filter.addEventListener("input", applyScope);
        }
        role.addEventListener("change", applyScope);
        applyScope();
    }

    document.querySelectorAll("input[type=checkbox][data-toggles]").forEach((box) => {
        const target = document.querySelector(box.getAttribute("data-toggles"));
        if (!target) {
            return;
        }
        const apply = () => { target.hidden = box.checked; };
        box.addEventListener("change", apply);
        apply();
    });
})();
