package ops.model;

import java.util.Optional;
import ops.net.IpAddress;
import ops.pfsense.GatewayStatus;

/**
 * A pfSense gateway as the firewall sees it at run time: configured items and the dynamic
 * ones pfSense derives (e.g. EDGE1_VPNV4 for an assigned OpenVPN client).
 *
 * @param interfaceKey config key (wan, opt1...); device is the OS interface (ovpnc1)
 * @param address      the next hop; empty when dynamic and no /tmp/DEVICE_router was read
 * @param origin       "config" for a gateway_item, "dynamic" for one pfSense derives
 * @param status       the gatewaystatus row, when it was read
 */
public record Gateway(String name, String interfaceKey, String device, IpAddress.Family family,
                      Optional<IpAddress> address, String origin, boolean disabled, boolean forceDown,
                      Optional<GatewayStatus> status) {

    /** A tunnel gateway (OpenVPN or WireGuard): the kind that leads to an edge. */
    public boolean isVpn() { return isOpenVpn() || isWireGuard(); }

    /** OpenVPN's devices (ovpncN clients, ovpnsN servers): rules on the OpenVPN tab apply to them. */
    public boolean isOpenVpn() { return isOpenVpnDevice(device); }

    /** The WireGuard package's devices (tun_wgN): rules on the WireGuard tab apply to them. */
    public boolean isWireGuard() { return isWireGuardDevice(device); }

    public static boolean isOpenVpnDevice(String device) { return device.startsWith("ovpn"); }

    public static boolean isWireGuardDevice(String device) { return device.startsWith("tun_wg"); }

    public boolean isV4() { return family == IpAddress.Family.INET; }

    /** Down by pfSense's own monitoring, or forced down. Unknown status counts as up. */
    public boolean isDown() {
        if (forceDown) return true;
        return status.map(s -> s.status().equals("down") || s.status().equals("force_down")
                || s.substatus().equals("down") || s.substatus().equals("force_down")).orElse(false);
    }

    public String addressText() { return address.map(IpAddress::toString).orElse("dynamic (unknown)"); }
}
