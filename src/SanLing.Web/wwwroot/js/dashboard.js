// Charts of the leadership dashboard (Apache ECharts, served from wwwroot/lib). No inline scripts (CSP):
// each chart container carries its data as JSON in a data-chart attribute, labels already in the reader's language;
// the same numbers are in a table beside it.
(function () {
    "use strict";
    if (typeof window.echarts === "undefined") {
        return;
    }
    const green = "#198754";
    const red = "#dc3545";
    const grey = "#6c757d";
    const percent = (value) => (value === null || value === undefined ? "—" : value + "%");

    // Reference lines at the targets (90 % and 95 % are close): the lowest target is labelled under its line, the
    // others above theirs, so the labels never sit on one another.
    function targetLines(targets) {
        const lowest = Math.min(...targets.map((t) => t.value));
        return {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: grey },
            data: targets.map((t) => ({
                name: t.name,
                yAxis: t.value,
                label: { formatter: (p) => p.name + " " + p.value + "%", position: targets.length > 1 && t.value === lowest ? "insideEndBottom" : "insideEndTop", fontSize: 10 },
            })),
        };
    }

    // Red below the target, green at or above it: the value decides, whatever else the page says.
    const colourFor = (value, target) => (value !== null && value !== undefined && value >= target ? green : red);

    const builders = {
        gauge: (d) => ({
            series: [{
                type: "gauge",
                min: 0,
                max: 100,
                radius: "92%",
                center: ["50%", "55%"],
                progress: { show: true, width: 14, itemStyle: { color: colourFor(d.value, d.target) } },
                // The track is neutral grey; only the target segment is marked, so the arc is never green below the target.
                axisLine: { lineStyle: { width: 14, color: [[Math.max(d.target - 0.5, 0) / 100, "#e9ecef"], [Math.min(d.target + 0.5, 100) / 100, "#495057"], [1, "#e9ecef"]] } },
                axisTick: { show: false },
                splitLine: { length: 6 },
                splitNumber: 5,
                axisLabel: { distance: 18, fontSize: 10 },
                pointer: { width: 4 },
                anchor: { show: true, size: 10 },
                title: { offsetCenter: [0, "78%"], fontSize: 11 },
                detail: { valueAnimation: false, offsetCenter: [0, "45%"], fontSize: 18, formatter: "{value}%", color: colourFor(d.value, d.target) },
                data: [{ value: d.value, name: d.targetLabel }],
            }],
        }),
        trend: (d) => ({
            tooltip: { trigger: "axis", valueFormatter: percent },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 32, bottom: 24 },
            xAxis: { type: "category", data: d.years },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: d.series.map((s, i, all) => ({
                name: s.name,
                type: "line",
                data: s.data,
                connectNulls: true,
                symbolSize: 8,
                // Each series draws its own target line (once when both targets are equal); the labels are placed
                // as one set so they do not overlap.
                markLine: i === 0 || d.series[0].target !== s.target
                    ? Object.assign(targetLines(d.series.map((x) => ({ name: x.targetName, value: x.target }))), { data: [targetLines(all.map((x) => ({ name: x.targetName, value: x.target }))).data[i]] })
                    : undefined,
            })),
        }),
        territories: (d) => ({
            tooltip: { trigger: "axis", valueFormatter: percent },
            grid: { left: 40, right: 16, top: 24, bottom: 80 },
            xAxis: { type: "category", data: d.names, axisLabel: { interval: 0, rotate: 45, fontSize: 11 } },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: [{
                type: "bar",
                data: d.values.map((v) => ({ value: v, itemStyle: { color: d.targets.every((t) => v >= t.value) ? green : v >= Math.min(...d.targets.map((t) => t.value)) ? "#fd7e14" : red } })),
                markLine: targetLines(d.targets),
                cursor: "pointer",
            }],
        }),
        // The county dashboard: each town's two group rates side by side, each bar red below its own group's target.
        towns: (d) => ({
            tooltip: { trigger: "axis", valueFormatter: percent },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 32, bottom: d.names.length > 6 ? 80 : 32 },
            xAxis: { type: "category", data: d.names, axisLabel: { interval: 0, rotate: d.names.length > 6 ? 45 : 0, fontSize: 11 } },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: d.series.map((s, i) => ({
                name: s.name,
                type: "bar",
                // The legend's colour is the series' (solid, lighter); each bar is green or red by its own target.
                color: green,
                itemStyle: { opacity: i === 0 ? 1 : 0.6 },
                data: s.data.map((v) => ({ value: v, itemStyle: { color: colourFor(v, s.target), opacity: i === 0 ? 1 : 0.6 } })),
                markLine: i === 0 ? targetLines(d.series.map((x) => ({ name: x.targetName, value: x.target }))) : undefined,
            })),
        }),
        incidents: (d) => ({
            tooltip: { trigger: "axis" },
            legend: { top: 0 },
            grid: { left: 32, right: 16, top: 32, bottom: 24 },
            xAxis: { type: "category", data: d.months },
            yAxis: { type: "value", minInterval: 1 },
            series: d.series.map((s) => ({ name: s.name, type: "bar", data: s.data })),
        }),
        completeness: (d) => ({
            tooltip: { trigger: "axis", valueFormatter: percent },
            grid: { left: 40, right: 16, top: 16, bottom: 24 },
            xAxis: { type: "category", data: d.months },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: [{ name: d.name, type: "bar", data: d.values, itemStyle: { color: "#0d6efd" } }],
        }),
    };

    const charts = [];
    document.querySelectorAll("[data-chart]").forEach((element) => {
        let data;
        try {
            data = JSON.parse(element.getAttribute("data-chart"));
        } catch {
            return;
        }
        const build = builders[data.type];
        if (!build) {
            return;
        }
        const chart = window.echarts.init(element, null, { renderer: "canvas", locale: document.documentElement.lang === "en" ? "EN" : "ZH" });
        chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: "inherit" } }, build(data)));
        if (Array.isArray(data.urls)) {
            chart.on("click", (params) => {
                const url = data.urls[params.dataIndex];
                if (url) {
                    window.location.href = url;
                }
            });
        }
        charts.push(chart);
    });
    const resize = () => charts.forEach((c) => c.resize());
    // Paper: redraw each chart at the width it has on an A4 page (186 mm of text width, half of it for a gauge), so
    // nothing is clipped; print CSS scales the canvas to its box whatever the timing of the print dialog.
    const mm = 96 / 25.4;
    const printSize = (element) => element.classList.contains("chart-gauge")
        ? { width: Math.round(88 * mm), height: Math.round(58 * mm) }
        : { width: Math.round(186 * mm), height: Math.round((element.classList.contains("chart-tall") ? 80 : 62) * mm) };
    let printing = false;
    const toPrint = () => {
        if (!printing) {
            printing = true;
            charts.forEach((c) => c.resize(printSize(c.getDom())));
        }
    };
    const toScreen = () => {
        if (printing) {
            printing = false;
            resize();
        }
    };
    window.addEventListener("resize", () => { if (!printing) { resize(); } });
    window.addEventListener("beforeprint", toPrint);
    window.addEventListener("afterprint", toScreen);
    const printMedia = window.matchMedia("print");
    printMedia.addEventListener("change", (e) => (e.matches ? toPrint() : toScreen()));
    if (printMedia.matches) {
        toPrint();
    }
})();
