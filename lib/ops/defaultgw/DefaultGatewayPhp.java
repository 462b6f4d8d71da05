package ops.defaultgw;

import ops.pfsense.PhpSnippet;

/**
 * The PHP that sets pfSense's default IPv4 gateway through its own functions: write_config
 * with a description (Diagnostics > Backup & Restore > Config History shows who and why),
 * then the routing apply pfSense's GUI runs (system_routing_configure, gateway monitors,
 * filter reload).
 */
final class DefaultGatewayPhp {
    private DefaultGatewayPhp() {}

    private static final String APPLY = """
            system_routing_configure();
            setup_gateways_monitor();
            filter_configure();
            clear_subsystem_dirty('staticroutes');
            """;

    /** Sets defaultgw4, guarded by the revision the plan was made from. */
    static String set(String expectedRevision, String gateway, String description) {
        return PhpSnippet.HEADER + PhpSnippet.revisionGuard(expectedRevision)
                + "config_set_path('gateways/defaultgw4', " + PhpSnippet.literal(gateway) + ");\n"
                + "write_config(" + PhpSnippet.literal(description) + ");\n" + APPLY + PhpSnippet.PRINT_REVISION;
    }

    /**
     * Puts the previous value back, but only while defaultgw4 still holds ours: a revert must
     * never undo somebody else's later change.
     */
    static String revert(String ours, String previous, String description) {
        return PhpSnippet.HEADER
                + "if ((string) config_get_path('gateways/defaultgw4', '') !== " + PhpSnippet.literal(ours) + ") {\n"
                + "    file_put_contents('php://stderr', 'defaultgw4 is no longer ' . " + PhpSnippet.literal(ours) + " . \"; not reverting\\n\");\n"
                + "    exit(" + PhpSnippet.REVISION_CHANGED + ");\n}\n"
                + "config_set_path('gateways/defaultgw4', " + PhpSnippet.literal(previous) + ");\n"
                + "write_config(" + PhpSnippet.literal(description) + ");\n" + APPLY + PhpSnippet.PRINT_REVISION;
    }
}
