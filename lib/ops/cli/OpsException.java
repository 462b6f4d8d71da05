package ops.cli;

/**
 * A failure the user can act on: the message is one line saying what, where and how to fix.
 * Scripts print it as is (no stack trace unless --debug) and exit with {@link #exitCode()}.
 */
public class OpsException extends RuntimeException {
    private final int exitCode;

    public OpsException(String message) { this(message, null); }

    public OpsException(String message, Throwable cause) { this(message, cause, ExitStatus.UNKNOWN.code); }

    public OpsException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
