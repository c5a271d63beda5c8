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

    function targetLines(targets) {
        return {
            silent: true,
            symbol: "none",
            label: { formatter: (p) => p.name + " " + p.value + "%", position: "insideEndTop" },
            lineStyle: { type: "dashed", color: grey },
            data: targets.map((t) => ({ name: t.name, yAxis: t.value })),
        };
    }

    const builders = {
        gauge: (d) => ({
            series: [{
                type: "gauge",
                min: 0,
                max: 100,
                radius: "95%",
                progress: { show: true, width: 14, itemStyle: { color: d.met ? green : red } },
                axisLine: { lineStyle: { width: 14, color: [[d.target / 100, "#f1d4d7"], [1, "#d1e7dd"]] } },
                axisTick: { show: false },
                splitLine: { length: 6 },
                axisLabel: { distance: 18, fontSize: 10 },
                pointer: { width: 4 },
                anchor: { show: true, size: 10 },
                title: { offsetCenter: [0, "70%"], fontSize: 12 },
                detail: { valueAnimation: false, offsetCenter: [0, "40%"], fontSize: 20, formatter: "{value}%", color: d.met ? green : red },
                data: [{ value: d.value, name: d.targetLabel }],
            }],
        }),
        trend: (d) => ({
            tooltip: { trigger: "axis", valueFormatter: percent },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 32, bottom: 24 },
            xAxis: { type: "category", data: d.years },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: d.series.map((s, i) => ({
                name: s.name,
                type: "line",
                data: s.data,
                connectNulls: true,
                symbolSize: 8,
                markLine: i === 0 || d.series[0].target !== s.target ? targetLines([{ name: s.targetName, value: s.target }]) : undefined,
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
    window.addEventListener("resize", resize);
    window.addEventListener("beforeprint", resize);
    window.addEventListener("afterprint", resize);
})();
