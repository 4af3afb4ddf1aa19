// Live preview on the message template editor: as the administrator types, post the form (with its
// anti-forgery token) to the page's Preview handler and show the message with sample values, or the
// problems that would stop it being saved. Everything is inserted as text, never as HTML.
(function () {
    "use strict";
    const preview = document.getElementById("template-preview");
    const form = document.getElementById("template-form");
    if (!preview || !form) {
        return;
    }

    const part = (name) => preview.querySelector('[data-preview="' + name + '"]');
    let latest = 0;
    let timer = 0;

    async function refresh() {
        const request = ++latest;
        try {
            const response = await fetch(preview.dataset.previewUrl, {
                method: "POST",
                body: new FormData(form),
                headers: { Accept: "application/json" },
                credentials: "same-origin",
            });
            if (!response.ok || request !== latest) {
                return;
            }

            const answer = await response.json();
            const problems = part("problems");
            problems.replaceChildren(...answer.problems.map((text) => {
                const item = document.createElement("li");
                item.textContent = text;
                return item;
            }));
            problems.hidden = answer.problems.length === 0;
            part("message").hidden = answer.subject === null;
            part("subject").textContent = answer.subject ?? "";
            part("text").textContent = answer.text ?? "";
            part("idle").hidden = true;
        } catch {
            // The preview is a convenience: saving still checks everything.
        }
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, 300);
    }

    for (const field of form.querySelectorAll("input[name], textarea[name]")) {
        field.addEventListener("input", schedule);
    }

    refresh();
})();
