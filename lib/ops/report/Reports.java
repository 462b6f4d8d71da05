package ops.report;

/** Picks the renderer for a format: every result kind goes through the same five. */
public final class Reports {
    private Reports() {}

    public static String render(Report r, Format format, long nowSeconds) {
        return render(r, format, nowSeconds, false);
    }

    /** @param colour paint the text format's verdicts and severities (for a terminal: {@link Colour#wanted}) */
    public static String render(Report r, Format format, long nowSeconds, boolean colour) {
        return switch (format) {
            case text -> TextRenderer.render(r, colour);
            case json -> JsonRenderer.render(r);
            case nagios -> NagiosRenderer.render(r);
            case prometheus -> PrometheusRenderer.render(r, nowSeconds);
            case html -> HtmlRenderer.render(r, nowSeconds);
        };
    }

    /**
     * What monitoring formats print for a run that could not finish (UNKNOWN, so alerts fire); null
     * for text and JSON, which leave the error to stderr.
     */
    public static String failure(Failed f, Format format, long nowSeconds) {
        return format == Format.nagios || format == Format.prometheus ? render(f, format, nowSeconds) : null;
    }
}
