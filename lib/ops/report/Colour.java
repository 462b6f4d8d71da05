package ops.report;

/**
 * Verdicts, statuses and severities in colour for a person at a terminal: never when stdout is
 * not one (a pipe, a file, cron), never with NO_COLOR set (no-color.org), never in --output files.
 */
public final class Colour {
    private Colour() {}

    private static final String RESET = "\u001b[0m";

    /** Whether a text report printed now should be in colour. */
    public static boolean wanted(boolean toFile) {
        return wanted(terminal(), System.getenv("NO_COLOR"), toFile);
    }

    static boolean wanted(boolean terminal, String noColor, boolean toFile) {
        return terminal && !toFile && (noColor == null || noColor.isEmpty());
    }

    /** Java 17's System.console() is there only on a terminal; from Java 22 it always is, and says so by isTerminal(). */
    private static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The word in its colour when it names a verdict, status or severity; any other text as it is. */
    static String paint(String word) {
        String code = switch (word) {
            case "PRESERVED", "OK" -> "32";
            case "MASQUERADED", "WARNING" -> "33";
            case "TRIANGULAR", "CRITICAL" -> "1;31";
            case "BLOCKED", "DOWN", "NOT-REACHED", "NO-REPLY" -> "31";
            case "UNKNOWN" -> "35";
            case "INFO" -> "36";
            default -> null;
        };
        return code == null ? word : "\u001b[" + code + "m" + word + RESET;
    }
}
