package ops.net;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PrefixTest {
    @Test
    void parsesCidrAndMasksHostBits() {
        Prefix p = Prefix.parse("10.8.1.77/24");
        assertEquals("10.8.1.0/24", p.toString());
        assertTrue(p.contains(IpAddress.parse("10.8.1.200")));
        assertFalse(p.contains(IpAddress.parse("10.8.2.1")));
    }

    @Test
    void aBareAddressIsAHostPrefix() {
        assertTrue(Prefix.parse("192.0.2.7").isHost());
        assertEquals(32, Prefix.parse("192.0.2.7").length());
    }

    @Test
    void rejectsGarbageAndOutOfRangeLengths() {
        assertTrue(Prefix.tryParse("10.0.0.0/33").isEmpty());
        assertTrue(Prefix.tryParse("10.0.0/8x").isEmpty());
        assertTrue(Prefix.tryParse("256.1.1.1").isEmpty());
        assertTrue(Prefix.tryParse("").isEmpty());
        assertTrue(Prefix.tryParse("example.com").isEmpty());
    }

    @Test
    void handlesIpv6() {
        Prefix p = Prefix.parse("2001:db8::1/32");
        assertEquals("2001:db8::/32", p.toString());
        assertTrue(p.contains(IpAddress.parse("2001:db8:ffff::1")));
        assertEquals("fe80::1", IpAddress.parse("fe80::1%lo0").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("1::1:0:0:1", IpAddress.parse("1:0:0:0:1:0:0:1").toString());
    }

    @Test
    void v4BoundsAreUnsigned() {
        Prefix p = Prefix.parse("255.255.255.0/24");
        assertEquals(0xFFFFFF00L, p.firstV4());
        assertEquals(0xFFFFFFFFL, p.lastV4());
    }
}
