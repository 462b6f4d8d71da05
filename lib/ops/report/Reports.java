package ops.report;

import ops.audit.AuditResult;

/** Picks the renderer for a format. */
public final class Reports {
    private Reports() {}

    public static String render(AuditResult r, Format format, long nowSeconds) {
        return switch (format) {
            case text -> TextReport.render(r);
            case json -> JsonReport.render(r);
            case nagios -> NagiosReport.render(r);
            case prometheus -> PrometheusReport.render(r, nowSeconds);
        };
    }

    /** What monitoring formats print when the run failed (UNKNOWN); null for formats that print nothing. */
    public static String failure(String target, String message, Format format, long nowSeconds) {
        return switch (format) {
            case nagios -> NagiosReport.failure(message);
            case prometheus -> PrometheusReport.failure(target, nowSeconds);
            default -> null;
        };
    }
}
