package ops.base;

import ops.base.ExitStatus;

/**
 * A failure the user can act on: the message is one line saying what, where and how to fix.
 * Scripts print it as is (no stack trace unless --debug) and exit with {@link #exitCode()}.
 */
public class OpsException extends RuntimeException {
    private final int exitCode;
    private boolean selfContained;

    public OpsException(String message) { this(message, null); }

    public OpsException(String message, Throwable cause) { this(message, cause, ExitStatus.UNKNOWN.code); }

    public OpsException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** For subclasses: {@code selfContained} as {@link #explaining} sets it. */
    protected OpsException(String message, Throwable cause, boolean selfContained) {
        this(message, cause, ExitStatus.UNKNOWN.code);
        this.selfContained = selfContained;
    }

    /** For a message that already says all its cause would: the cause is kept for --debug, not printed. */
    public static OpsException explaining(String message, Throwable cause) {
        OpsException e = new OpsException(message, cause);
        e.selfContained = true;
        return e;
    }

    public int exitCode() { return exitCode; }

    public boolean selfContained() { return selfContained; }
}
