package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import ops.base.OpsException;
import ops.net.IpAddress;
import org.junit.jupiter.api.Test;

class EchoPageReaderTest {
    private static final IpAddress ME = IpAddress.parse("198.51.100.20");

    @Test
    void readsAnHtmlPageByItsVisibleText() {
        String page = "<!DOCTYPE html>\n<html><head><title>What is my IP address?</title></head>\n<body>\n<h1>What is my IP address?</h1>\n"
                + "<p>Your public IP address is <strong>198.51.100.20</strong>.</p>\n</body></html>\n";
        assertEquals(ME, EchoPageReader.read("echo", page));
    }

    @Test
    void ignoresAddressesThatAreOnlyInTheMarkup() {
        String page = "<html><body><!-- served by 10.0.0.7 --><img src=\"http://203.0.113.99/logo.png\"><p>You are 198.51.100.20</p></body></html>";
        assertEquals(ME, EchoPageReader.read("echo", page));
    }

    @Test
    void readsJsonByTheUsualKeys() {
        assertEquals(ME, EchoPageReader.read("echo", "{\"ip\":\"198.51.100.20\"}\n"));
        assertEquals(ME, EchoPageReader.read("echo", "{\"origin\": \"198.51.100.20, 203.0.113.5\"}"), "httpbin lists proxies after the client");
        assertEquals(ME, EchoPageReader.read("echo", "{\"status\":\"success\",\"country\":\"-\",\"query\":\"198.51.100.20\"}"));
        assertEquals(ME, EchoPageReader.read("echo", "{\"you\":{\"addr\":\"198.51.100.20\",\"port\":\"61001\"}}"), "else the one address among the values");
    }

    @Test
    void readsAPlainAddress() {
        assertEquals(ME, EchoPageReader.read("echo", "198.51.100.20\n"));
    }

    @Test
    void severalAddressesOrNoneAreOneLineErrors() {
        OpsException several = assertThrows(OpsException.class,
                () -> EchoPageReader.read("http://echo.test/", "<p>You: 198.51.100.20, your proxy: 203.0.113.5</p>"));
        assertEquals("http://echo.test/: several addresses in its text (198.51.100.20, 203.0.113.5), so which one is yours cannot be "
                + "told; give --expect-ip", several.getMessage());
        OpsException none = assertThrows(OpsException.class, () -> EchoPageReader.read("http://echo.test/", "<p>Hello</p>"));
        assertTrue(none.getMessage().contains("no IPv4 address in its text"), none.getMessage());
        assertThrows(OpsException.class, () -> EchoPageReader.read("e", "  \n"));
        assertThrows(OpsException.class, () -> EchoPageReader.read("e", "{\"ip\": "), "broken JSON");
    }

    @Test
    void versionNumbersAndLongerDottedRunsAreNotAddresses() {
        assertEquals(ME, EchoPageReader.read("echo", "<p>echo 1.2.3.4.5 v2.0.1 - you are 198.51.100.20</p>"));
    }

    @Test
    void aKeyHoldingOnlyACommaIsNoAddressNotACrash() { // found by Jazzer: {"ip":","}
        OpsException e = assertThrows(OpsException.class, () -> EchoPageReader.read("echo", "{\"ip\":\",\",\"t\":\"%\"}"));
        assertEquals("echo: no IPv4 address in its JSON values; is this an IP-echo page? (or give --expect-ip)", e.getMessage());
    }
}
