package ops.report;

import ops.probe.CheckResult;

/** Picks source-ip-check's renderer for a format. */
public final class CheckReports {
    private CheckReports() {}

    public static String render(CheckResult r, Format format, long nowSeconds) {
        return switch (format) {
            case text -> CheckTextReport.render(r);
            case json -> CheckJsonReport.render(r);
            case nagios -> CheckNagiosReport.render(r);
            case prometheus -> CheckPrometheusReport.render(r, nowSeconds);
        };
    }

    /** What monitoring formats print when the check could not run (UNKNOWN); null for formats that print nothing. */
    public static String failure(String target, String message, Format format, long nowSeconds) {
        return switch (format) {
            case nagios -> CheckNagiosReport.failure(message);
            case prometheus -> CheckPrometheusReport.failure(target, nowSeconds);
            default -> null;
        };
    }
}
