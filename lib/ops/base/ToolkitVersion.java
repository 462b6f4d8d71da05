package ops.base;

/** The toolkit's version: --version, and the User-Agent of its HTTP probes. */
public final class ToolkitVersion {
    private ToolkitVersion() {}

    public static final String VERSION = "0.1.0";
}
