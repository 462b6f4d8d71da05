package ops.pfsense;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What config.xml says, typed, with config.xml's own names and values. Nothing here is
 * decided or derived (dynamic gateways, reply-to...): that is {@code ops.model}'s job.
 *
 * @param version        the {@code <version>} element (e.g. 22.2 for CE 2.6.0)
 * @param defaultGw4     {@code <gateways><defaultgw4>}: empty = element absent (pre-2.4.4 or never set),
 *                       "" = automatic, "-" = none, else a gateway or gateway-group name
 * @param disableReplyTo {@code <system><disablereplyto>}: reply-to off globally
 */
public record PfSenseConfig(
        String version,
        List<Interface> interfaces,
        List<GatewayItem> gateways,
        Optional<String> defaultGw4,
        Optional<String> defaultGw6,
        List<GatewayGroup> gatewayGroups,
        List<StaticRoute> staticRoutes,
        OutboundNat outboundNat,
        List<PortForward> portForwards,
        List<FilterRule> filterRules,
        List<Alias> aliases,
        List<OpenVpnInstance> openVpn,
        List<InterfaceGroup> interfaceGroups,
        List<WireGuardTunnel> wireGuardTunnels,
        List<WireGuardPeer> wireGuardPeers,
        boolean disableReplyTo,
        Optional<Revision> revision) {

    /** {@code <interfaces><key>}: key is wan, lan, optN; device is {@code <if>} (em0, ovpnc1...). */
    public record Interface(String key, String device, String descr, boolean enabled,
                            String ipaddr, String subnet, String gateway) {}

    /** {@code <gateways><gateway_item>}; address is an IP or "dynamic"; legacyDefault is the pre-2.4.4 {@code <defaultgw/>}. */
    public record GatewayItem(String name, String interfaceKey, String address, String ipprotocol,
                              boolean disabled, boolean legacyDefault, boolean monitorDisabled,
                              boolean forceDown, String descr) {}

    /** {@code <gateway_group>}: items are "GWNAME|TIER|VIP". */
    public record GatewayGroup(String name, List<Member> members, String trigger, String descr) {
        public record Member(String gateway, int tier, String vip) {}
    }

    public record StaticRoute(String network, String gateway, boolean disabled, String descr) {}

    /** mode is automatic, hybrid, advanced or disabled, as stored. */
    public record OutboundNat(String mode, List<OutboundNatRule> rules) {}

    public record OutboundNatRule(String interfaceKey, Endpoint source, Endpoint destination, boolean nonat,
                                  boolean disabled, String target, String ipprotocol, String descr) {}

    /** A source or destination: {@code <any/>}, {@code <network>}, {@code <address>}, {@code <port>}, {@code <not/>}. */
    public record Endpoint(boolean any, String network, String address, String port, boolean not) {
        public static final Endpoint ANY = new Endpoint(true, "", "", "", false);
    }

    /** {@code <nat><rule>}: a port forward. */
    public record PortForward(String interfaceKey, String ipprotocol, String protocol, Endpoint source,
                              Endpoint destination, String target, String localPort, String associatedRuleId,
                              boolean disabled, boolean nordr, String descr) {}

    /** {@code <filter><rule>}; interfaces holds the comma list of a floating rule. */
    public record FilterRule(String type, List<String> interfaces, boolean floating, String direction,
                             boolean quick, String ipprotocol, String protocol, Endpoint source,
                             Endpoint destination, String gateway, boolean disableReplyTo, boolean disabled,
                             String tracker, String associatedRuleId, String descr) {}

    public record Alias(String name, String type, List<String> addresses) {}

    /**
     * {@code <openvpn><openvpn-client|openvpn-server>}; kind is "client" or "server".
     *
     * @param serverAddr a client's {@code <server_addr>}: the server it connects to (an address or a host name), as written
     * @param serverPort a client's {@code <server_port>}
     */
    public record OpenVpnInstance(String kind, String vpnid, String devMode, String createGw,
                                  String description, boolean disabled, String serverAddr, String serverPort) {
        /** pfSense renames tun/tapN to ovpncN (client) or ovpnsN (server). */
        public String device() { return (kind.equals("client") ? "ovpnc" : "ovpns") + vpnid; }
    }

    /**
     * pfSense-pkg-WireGuard's {@code <installedpackages><wireguard><tunnels><item>}: name is the device (tun_wg0).
     *
     * @param enabled {@code <enabled>} is "yes"
     */
    public record WireGuardTunnel(String name, boolean enabled, String descr) {}

    /**
     * pfSense-pkg-WireGuard's {@code <installedpackages><wireguard><peers><item>}: a peer of tunnel {@code tun}.
     *
     * @param enabled  {@code <enabled>} is "yes"
     * @param endpoint {@code <endpoint>} as written (an address or host name; empty for a peer that only connects in)
     * @param port     {@code <port>}, the peer's WireGuard port
     */
    public record WireGuardPeer(String tun, boolean enabled, String endpoint, String port, String descr) {}

    /** {@code <ifgroups><ifgroupentry>}: an interface group (its own firewall tab, like OpenVPN's). */
    public record InterfaceGroup(String name, List<String> members) {}

    public record Revision(String time, String description, String username) {}

    public Optional<Interface> interfaceByKey(String key) {
        return interfaces.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    public Map<String, Alias> aliasesByName() {
        return aliases.stream().collect(java.util.stream.Collectors.toMap(Alias::name, a -> a, (a, b) -> a));
    }
}
