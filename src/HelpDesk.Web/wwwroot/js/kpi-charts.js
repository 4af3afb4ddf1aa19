// The KPI page's trend charts (Chart.js, served from wwwroot/lib). The figures come from the page's
// JSON data block; each chart has the same figures in a table for screen readers and without script.
(function () {
    "use strict";

    const block = document.getElementById("kpi-chart-data");
    if (!block || typeof window.Chart === "undefined") {
        return;
    }

    const data = JSON.parse(block.textContent);
    const colours = ["#1f5fa8", "#b35900", "#2e7d32", "#7b1fa2"];

    data.charts.forEach(function (chart) {
        // The page leaves out the canvas of a chart without figures and says "No data" instead; a chart
        // of only gaps would still draw axes and target lines, easily read as zeros.
        const canvas = document.getElementById(chart.id);
        const hasFigures = chart.series.some(function (series) {
            return series.values.some(function (value) { return value !== null; });
        });
        if (!canvas || !hasFigures) {
            return;
        }

        const datasets = [];
        chart.series.forEach(function (series, i) {
            const colour = colours[i % colours.length];
            datasets.push({
                label: series.label,
                data: series.values,
                borderColor: colour,
                backgroundColor: colour,
                spanGaps: false,
            });
            if (series.target !== null) {
                datasets.push({
                    label: series.label + " target",
                    data: data.labels.map(function () { return series.target; }),
                    borderColor: colour,
                    borderDash: [6, 4],
                    pointRadius: 0,
                    fill: false,
                });
            }
        });

        new window.Chart(canvas, {
            type: chart.id === "chart-volume" ? "bar" : "line",
            data: { labels: data.labels, datasets: datasets },
            options: {
                animation: false,
                responsive: true,
                scales: { y: { beginAtZero: true, title: { display: true, text: chart.unit } } },
            },
        });
    });
})();
