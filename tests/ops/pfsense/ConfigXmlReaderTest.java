package ops.pfsense;

import static org.junit.jupiter.api.Assertions.*;

import ops.base.OpsException;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class ConfigXmlReaderTest {
    @Test
    void readsTheRealPfSense26Backup() {
        PfSenseConfig c = ConfigXmlReader.read("sample", Repo.read("tests/fixtures/samples/pfsense-2.6-lab-config.xml"));
        assertEquals("22.2", c.version());
        assertEquals("em0", c.interfaceByKey("wan").orElseThrow().device());
        assertEquals(3, c.portForwards().size());
        PfSenseConfig.PortForward ssh = c.portForwards().get(0);
        assertEquals("wanip", ssh.destination().network());
        assertEquals("22", ssh.destination().port());
        assertEquals("DMZ_Servers", ssh.target());
        assertEquals("nat_643865001d0974.06484307", ssh.associatedRuleId());
        assertEquals("automatic", c.outboundNat().mode());
        assertTrue(c.filterRules().stream().anyMatch(r -> r.type().isEmpty() && r.interfaces().equals(java.util.List.of("wan"))),
                "port-forward rules carry no <type>");
        assertEquals(java.util.List.of("172.16.1.10"), c.aliasesByName().get("DMZ_Servers").addresses());
        assertTrue(c.defaultGw4().isEmpty(), "<gateways></gateways> is empty in this backup");
        assertFalse(c.disableReplyTo());
        assertEquals("1681700105", c.revision().orElseThrow().time());
    }

    @Test
    void readsTheFactoryDefault() {
        PfSenseConfig c = ConfigXmlReader.read("default", Repo.read("tests/fixtures/samples/pfsense-default-config.xml"));
        assertEquals("dhcp", c.interfaceByKey("wan").orElseThrow().ipaddr());
        assertEquals("192.168.1.1", c.interfaceByKey("lan").orElseThrow().ipaddr());
        assertTrue(c.gateways().isEmpty());
    }

    @Test
    void readsGatewaysGroupsRoutesOutboundRulesAndFlags() {
        String xml = """
                <pfsense><version>23.3</version>
                <system><disablereplyto>yes</disablereplyto></system>
                <interfaces><opt1><if>ovpnc1</if><descr>EDGE1</descr><enable/></opt1></interfaces>
                <gateways>
                  <gateway_item><interface>opt1</interface><gateway>dynamic</gateway><name>EDGE1_VPNV4</name><ipprotocol>inet</ipprotocol><defaultgw/><force_down/></gateway_item>
                  <gateway_group><name>FO</name><item>EDGE1_VPNV4|1|address</item><item>WAN_DHCP|2|address</item><trigger>down</trigger></gateway_group>
                  <defaultgw4>FO</defaultgw4>
                </gateways>
                <staticroutes><route><network>10.20.0.0/16</network><gateway>EDGE1_VPNV4</gateway><disabled/></route></staticroutes>
                <nat><outbound><mode>hybrid</mode><rule><interface>opt1</interface><source><network>lan</network></source>
                  <destination><any/></destination><nonat/><descr>no nat</descr></rule></outbound></nat>
                <filter><rule><type>pass</type><interface>opt1,opt2</interface><floating>yes</floating><direction>in</direction><quick>yes</quick>
                  <disablereplyto>yes</disablereplyto><gateway>FO</gateway><source><any/></source><destination><any/></destination></rule></filter>
                <ifgroups><ifgroupentry><ifname>EDGES</ifname><members>opt1 opt2</members></ifgroupentry></ifgroups>
                </pfsense>""";
        PfSenseConfig c = ConfigXmlReader.read("x", xml);
        assertTrue(c.disableReplyTo());
        PfSenseConfig.GatewayItem g = c.gateways().get(0);
        assertTrue(g.legacyDefault() && g.forceDown());
        assertEquals("FO", c.defaultGw4().orElseThrow());
        assertEquals(2, c.gatewayGroups().get(0).members().get(1).tier());
        assertTrue(c.staticRoutes().get(0).disabled());
        assertEquals("hybrid", c.outboundNat().mode());
        assertTrue(c.outboundNat().rules().get(0).nonat());
        PfSenseConfig.FilterRule r = c.filterRules().get(0);
        assertTrue(r.floating() && r.quick() && r.disableReplyTo());
        assertEquals(java.util.List.of("opt1", "opt2"), r.interfaces());
        assertEquals(java.util.List.of("opt1", "opt2"), c.interfaceGroups().get(0).members());
    }

    @Test
    void refusesMalformedXmlWithItsLocation() {
        OpsException e = assertThrows(OpsException.class, () -> ConfigXmlReader.read("fw1:config.xml", "<pfsense>\n<system>\n</pfsense>"));
        assertTrue(e.getMessage().startsWith("fw1:config.xml: not well-formed XML at line 3"), e.getMessage());
    }

    @Test
    void refusesATruncatedFile() {
        String xml = Repo.read("tests/fixtures/samples/pfsense-default-config.xml");
        OpsException e = assertThrows(OpsException.class, () -> ConfigXmlReader.read("c", xml.substring(0, xml.length() / 2)));
        assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
    }

    @Test
    void refusesOtherRootsAndDoctypes() {
        assertTrue(assertThrows(OpsException.class, () -> ConfigXmlReader.read("c", "<opnsense/>")).getMessage().contains("<opnsense>"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><pfsense>&x;</pfsense>";
        assertThrows(OpsException.class, () -> ConfigXmlReader.read("c", xxe));
        assertThrows(OpsException.class, () -> ConfigXmlReader.read("c", ""));
    }

    @Test
    void refusesAGatewayWithoutAName() {
        String xml = "<pfsense><gateways><gateway_item><interface>wan</interface></gateway_item></gateways></pfsense>";
        assertTrue(assertThrows(OpsException.class, () -> ConfigXmlReader.read("c", xml)).getMessage().contains("#1 has no <name>"));
    }
}
