// Live preview of the deadlines on the "Log a complaint" form: as the agent picks the type, the
// priority or the received time, ask the server what the SLA table in force would give.
(function () {
    "use strict";
    const preview = document.getElementById("deadline-preview");
    if (!preview) {
        return;
    }

    const type = document.getElementById("Input_ComplaintTypeId");
    const priority = document.getElementById("Input_Priority");
    const receivedAt = document.getElementById("Input_ReceivedAt");
    let latest = 0;

    async function refresh() {
        const chosenType = type.selectedOptions[0];
        if (!chosenType || !chosenType.value || !priority.value) {
            preview.hidden = true;
            return;
        }

        const query = new URLSearchParams({ type: chosenType.text, priority: priority.value });
        if (receivedAt.value) {
            query.set("receivedAt", receivedAt.value);
        }

        const url = preview.dataset.previewUrl + (preview.dataset.previewUrl.includes("?") ? "&" : "?") + query.toString();
        const request = ++latest;
        try {
            const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
            const answer = response.ok ? await response.json() : { ready: false };
            if (request !== latest) {
                return;
            }

            if (!answer.ready) {
                preview.hidden = true;
                return;
            }

            for (const field of preview.querySelectorAll("[data-preview]")) {
                field.textContent = answer[field.dataset.preview];
            }

            preview.hidden = false;
        } catch {
            preview.hidden = true;
        }
    }

    for (const input of [type, priority, receivedAt]) {
        input.addEventListener("change", refresh);
    }

    refresh();
})();
