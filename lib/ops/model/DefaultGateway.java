package ops.model;

/**
 * The configured IPv4 default gateway.
 *
 * @param kind   GATEWAY or GROUP (name set), AUTOMATIC (pfSense picks the first gateway up), NONE ("-")
 * @param source where it was read: "defaultgw4", "legacy <defaultgw/> flag" or "not set"
 */
public record DefaultGateway(Kind kind, String name, String source) {
    public enum Kind { GATEWAY, GROUP, AUTOMATIC, NONE }

    public String describe() {
        return switch (kind) {
            case GATEWAY -> name;
            case GROUP -> "group " + name;
            case AUTOMATIC -> "automatic";
            case NONE -> "none";
        };
    }
}
