package ops.base;

/** Exit codes of every script, as monitoring plugins read them. */
public enum ExitStatus {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    public final int code;

    ExitStatus(int code) { this.code = code; }

    public static ExitStatus worst(ExitStatus a, ExitStatus b) { return a.code >= b.code ? a : b; }
}
