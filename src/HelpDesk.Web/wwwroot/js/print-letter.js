// The letter page's Print button: shown only when script runs (without it, the page says Ctrl+P).
(function () {
    "use strict";

    const button = document.querySelector("[data-print]");
    if (!button) {
        return;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
        window.print();
    });
})();
