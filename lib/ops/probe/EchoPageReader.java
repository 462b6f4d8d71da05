package ops.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ops.base.OpsException;
import ops.json.Json;
import ops.net.IpAddress;
import org.jsoup.Jsoup;

/**
 * Reads the address an IP-echo page shows its visitor: JSON ({"ip": "..."}, or "origin", "query",
 * "address", or else the one address among its values), or an HTML or plain-text page (its
 * visible text, parsed with jsoup) holding exactly one IPv4 address. Several different addresses
 * are an error: which one is "you" cannot be told.
 */
public final class EchoPageReader {
    private EchoPageReader() {}

    private static final List<String> KEYS = List.of("ip", "origin", "query", "address", "client_ip", "clientIp", "your_ip");
    private static final Pattern V4 = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\d.]*\\d)");

    public static IpAddress read(String source, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) throw new OpsException(source + ": the echo page is empty; expected a page showing your IP address");
        if (text.startsWith("{") || text.startsWith("[")) return json(source, text);
        Set<IpAddress> found = addresses(Jsoup.parse(text).text());
        return one(source, found, "its text");
    }

    private static IpAddress json(String source, String text) {
        JsonNode root = Json.parse(source, text, "an IP-echo page (JSON)");
        if (root.isObject()) {
            for (String k : KEYS) {
                Optional<IpAddress> a = IpAddress.tryParse(Json.text(root, k).split(",", -1)[0].strip()).filter(IpAddress::isV4);
                if (a.isPresent()) return a.get();
            }
        }
        Set<IpAddress> found = new LinkedHashSet<>();
        collect(root, found);
        return one(source, found, "its JSON values");
    }

    private static void collect(JsonNode n, Set<IpAddress> out) {
        if (n.isTextual()) {
            IpAddress.tryParse(n.asText().strip()).filter(IpAddress::isV4).ifPresent(out::add);
        }
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) collect(it.next(), out);
    }

    private static Set<IpAddress> addresses(String text) {
        Set<IpAddress> out = new LinkedHashSet<>();
        Matcher m = V4.matcher(text);
        while (m.find()) IpAddress.tryParse(m.group(1)).filter(IpAddress::isV4).ifPresent(out::add);
        return out;
    }

    private static IpAddress one(String source, Set<IpAddress> found, String where) {
        if (found.size() == 1) return found.iterator().next();
        if (found.isEmpty()) {
            throw new OpsException(source + ": no IPv4 address in " + where + "; is this an IP-echo page? (or give --expect-ip)");
        }
        throw new OpsException(source + ": several addresses in " + where + " (" + String.join(", ", found.stream()
                .map(IpAddress::toString).toList()) + "), so which one is yours cannot be told; give --expect-ip");
    }
}
