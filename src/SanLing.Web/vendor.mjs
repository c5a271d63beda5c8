// Copies the dist files the portal serves from node_modules into wwwroot/lib (committed, so a run needs no npm).
import { cpSync, mkdirSync } from "node:fs";

const files = [
  ["bootstrap/dist/css/bootstrap.min.css", "bootstrap/css/bootstrap.min.css"],
  ["bootstrap/dist/css/bootstrap.min.css.map", "bootstrap/css/bootstrap.min.css.map"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/js/bootstrap.bundle.min.js"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap/js/bootstrap.bundle.min.js.map"],
  ["bootstrap/LICENSE", "bootstrap/LICENSE"],
  ["echarts/dist/echarts.min.js", "echarts/echarts.min.js"],
  ["echarts/LICENSE", "echarts/LICENSE"],
  ["echarts/NOTICE", "echarts/NOTICE"],
];
for (const [from, to] of files) {
  const target = `wwwroot/lib/${to}`;
  mkdirSync(target.substring(0, target.lastIndexOf("/")), { recursive: true });
  cpSync(`node_modules/${from}`, target);
}
console.log(`copied ${files.length} files into wwwroot/lib`);
