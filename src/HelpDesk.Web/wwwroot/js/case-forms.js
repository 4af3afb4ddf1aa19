// The case page's forms. A second click on a submit button while the first post is on its way does
// nothing (the server refuses a replay anyway: each form carries a one-time token). And the
// acknowledgement form warns at once when the method chosen is not the one the channel calls for.
(function () {
    "use strict";

    for (const form of document.querySelectorAll("form.case-action")) {
        form.addEventListener("submit", function (event) {
            if (form.dataset.submitted === "true") {
                event.preventDefault();
                return;
            }

            form.dataset.submitted = "true";
            for (const button of form.querySelectorAll("button[type=submit], button:not([type])")) {
                button.disabled = true;
                button.setAttribute("aria-busy", "true");
            }
        });
    }

    // Coming back with the browser's Back button shows the page as it was left: make it usable again.
    window.addEventListener("pageshow", function (event) {
        if (!event.persisted) {
            return;
        }

        for (const form of document.querySelectorAll("form.case-action")) {
            delete form.dataset.submitted;
            for (const button of form.querySelectorAll("button")) {
                button.disabled = false;
                button.removeAttribute("aria-busy");
            }
        }
    });

    const method = document.querySelector("select[data-fitting-methods]");
    const warning = document.querySelector("[data-method-warning]");
    if (method && warning) {
        const fitting = method.dataset.fittingMethods.split(" ");
        const check = function () {
            warning.hidden = fitting.includes(method.value);
        };
        method.addEventListener("change", check);
        check();
    }
})();
