package ops.report.html;

/**
 * The HTML report's one stylesheet, inline in the page: verdicts differ by line style as well as
 * colour (they print in black and white), the diagram scrolls sideways in a narrow window rather
 * than shrinking past reading, and on paper it fits the page width.
 */
public final class PageStyle {
    private PageStyle() {}

    // one short literal per rule group: PackageLayersTest's scan of string literals stays shallow
    public static final String CSS = String.join("\n",
            "body{font:14px/1.45 system-ui,sans-serif;margin:1rem auto;max-width:84rem;padding:0 1rem;color:#1f2328;background:#fff}",
            "h1{font-size:1.35rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #d0d7de;padding-top:1rem}h3{font-size:1.05rem}",
            "h1,h2,h3,p,li,dd{overflow-wrap:anywhere}",
            ".status{display:inline-block;padding:0 .4em;border-radius:4px;font-weight:700;color:#fff;background:#57606a}",
            ".s-ok{background:#1a7f37}.s-warning{background:#9a6700}.s-critical{background:#cf222e}.s-unknown{background:#57606a}",
            "td.s-ok,td.s-warning,td.s-critical{color:#fff}",
            ".when,.head{margin:.2rem 0;color:#424a53}",
            ".scroll{overflow-x:auto}",
            "figure{margin:1rem 0}",
            "svg.diagram{width:100%;min-width:760px;height:auto;font:11px ui-monospace,'DejaVu Sans Mono',monospace}",
            "svg.diagram .colhead{font-weight:700;fill:#424a53}",
            "svg.diagram .box rect{fill:#f6f8fa;stroke:#8c959f;stroke-width:1}",
            "svg.diagram .box.strong rect{stroke:#1f2328;stroke-width:2.5}",
            "svg.diagram .box.firewall rect{fill:#eef1f4}",
            "svg.diagram text{fill:#1f2328}",
            "svg.diagram .label{font-size:10px;fill:#424a53}",
            ".wire{fill:none;stroke-width:2}",
            ".tip{stroke:none}",
            ".v-preserved.wire{stroke:#1a7f37}.v-preserved.tip{fill:#1a7f37}",
            ".v-masqueraded.wire{stroke:#9a6700;stroke-dasharray:9 5}.v-masqueraded.tip{fill:#9a6700}",
            ".v-triangular.wire{stroke:#cf222e;stroke-width:2.5;stroke-dasharray:12 4 2 4}.v-triangular.tip{fill:#cf222e}",
            ".v-blocked.wire{stroke:#57606a;stroke-dasharray:2 3}.v-blocked.tip{fill:#57606a}",
            ".v-down.wire,.v-unknown.wire{stroke:#8c959f;stroke-dasharray:1 5;stroke-linecap:round}.v-down.tip,.v-unknown.tip{fill:#8c959f}",
            ".wire.reply{stroke-width:1.6}",
            "svg.sample{width:60px;height:12px;vertical-align:middle}",
            "figcaption{font-size:.9rem;color:#424a53}figcaption .key{display:inline-block;white-space:nowrap;margin-right:.8em}figcaption .group{display:block}",
            "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}",
            "caption{text-align:left;font-weight:700}",
            "th,td{border:1px solid #d0d7de;padding:.2rem .45rem;text-align:left;vertical-align:top}",
            "th{background:#f6f8fa}",
            "td.v-preserved{color:#1a7f37;font-weight:700}td.v-masqueraded{color:#9a6700;font-weight:700}",
            "td.v-triangular{color:#cf222e;font-weight:700;text-decoration:underline wavy}",
            "td.v-blocked,td.v-down,td.v-unknown{color:#57606a;font-weight:700}",
            "tr.disagrees{background:#fff1e5}tr.disagrees td:first-child::before{content:\"\\2260 \"}",
            "ol.findings li{margin:.4rem 0}",
            ".sev{font-weight:700}.sev-critical .sev{color:#cf222e}.sev-warning .sev{color:#9a6700}.sev-info .sev{color:#57606a}",
            ".fix{margin-left:1rem;color:#424a53}",
            "code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;overflow-wrap:anywhere}",
            "dt{font-weight:700}",
            "@media print{body{max-width:none;margin:0;font-size:11px}.scroll{overflow:visible}svg.diagram{min-width:0;width:100%}",
            "figure,tr,li{break-inside:avoid}h2{break-before:auto}a{color:inherit;text-decoration:none}}");
}
