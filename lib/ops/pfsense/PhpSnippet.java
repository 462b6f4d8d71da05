package ops.pfsense;

/**
 * PHP run on the firewall through pfSense's own functions (config_get_path/config_set_path,
 * write_config with a description, then the apply calls), never by editing config.xml.
 * Every snippet first checks that config.xml is still at the revision the plan was made
 * from, so a second writer between plan and apply stops the change before it starts.
 */
public final class PhpSnippet {
    private PhpSnippet() {}

    /** The command that runs a snippet given on stdin. */
    public static final String COMMAND = "php -q";

    public static final String HEADER = """
            <?php
            require_once("globals.inc");
            require_once("config.inc");
            require_once("functions.inc");
            require_once("filter.inc");
            """;

    /** Exit code of a snippet whose revision check failed. */
    public static final int REVISION_CHANGED = 75;

    public static String revisionGuard(String expectedRevision) {
        return "$ops_rev = (string) config_get_path('revision/time', '');\n"
                + "if ($ops_rev !== " + literal(expectedRevision) + ") {\n"
                + "    file_put_contents('php://stderr', \"config.xml changed since the plan (revision $ops_rev, expected \" . " + literal(expectedRevision)
                + " . \")\\n\");\n    exit(" + REVISION_CHANGED + ");\n}\n";
    }

    /** A PHP single-quoted string literal. */
    public static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The new revision, printed last so the caller can record it. */
    public static final String PRINT_REVISION = "echo 'revision ', config_get_path('revision/time', ''), \"\\n\";\n";
}
