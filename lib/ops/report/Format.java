package ops.report;

/** How a report is rendered: the values of --format. */
public enum Format { text, json, nagios, prometheus, html }
