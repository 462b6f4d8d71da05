package ops.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ops.base.OpsException;
import ops.json.Json;

/**
 * Reads the NAT rules of {@code nft -j list ruleset} (ip and inet families) into {@link NatRule}s
 * with iptables' spelling, so one analysis serves both tools.
 */
public final class NftJsonReader {
    private NftJsonReader() {}

    private record BaseChain(String hook, int priority) {}

    public static EdgeNat read(String source, String json) {
        JsonNode root = Json.parse(source, json, "the output of `nft -j list ruleset`");
        JsonNode items = root.get("nftables");
        if (items == null || !items.isArray()) {
            throw new OpsException(source + ": no \"nftables\" array; expected the output of `nft -j list ruleset`");
        }
        Map<String, BaseChain> baseChains = new HashMap<>();
        for (JsonNode item : items) {
            JsonNode c = item.get("chain");
            if (c != null && c.has("hook")) {
                baseChains.put(key(c, "name"), new BaseChain(Json.text(c, "hook"), c.path("prio").asInt(0)));
            }
        }
        List<NatRule> rules = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode r = item.get("rule");
            if (r == null) continue;
            String family = Json.text(r, "family");
            if (!family.equals("ip") && !family.equals("inet")) continue;
            BaseChain base = baseChains.get(key(r, "chain"));
            String chain = base == null ? Json.text(r, "chain") : base.hook().toUpperCase(Locale.ROOT);
            rules.add(rule(source, r, chain, base == null ? 0 : base.priority()));
        }
        return new EdgeNat("nftables", rules);
    }

    private static String key(JsonNode n, String nameField) {
        return Json.text(n, "family") + " " + Json.text(n, "table") + " " + Json.text(n, nameField);
    }

    private static NatRule rule(String source, JsonNode r, String chain, int priority) {
        String action = "NONE", jumpTo = "", in = "", out = "", src = "", dst = "", proto = "", dports = "";
        String toAddr = "", toPort = "";
        boolean counter = false;
        List<String> unmodeled = new ArrayList<>();
        for (JsonNode e : r.path("expr")) {
            String kind = e.fieldNames().hasNext() ? e.fieldNames().next() : "";
            JsonNode v = e.get(kind);
            switch (kind) {
                case "match" -> {
                    String neg = Json.text(v, "op").equals("!=") ? "!" : "";
                    JsonNode left = v.path("left");
                    String right = value(v.path("right"));
                    String meta = left.path("meta").path("key").asText("");
                    String field = left.path("payload").path("field").asText("");
                    String proto4 = left.path("payload").path("protocol").asText("");
                    if (meta.equals("iifname") || meta.equals("iif")) in = neg + right.replace("*", "+");
                    else if (meta.equals("oifname") || meta.equals("oif")) out = neg + right.replace("*", "+");
                    else if (meta.equals("l4proto") || (proto4.equals("ip") && field.equals("protocol"))) proto = neg + right;
                    else if (proto4.equals("ip") && field.equals("saddr")) src = neg + right;
                    else if (proto4.equals("ip") && field.equals("daddr")) dst = neg + right;
                    else if ((proto4.equals("tcp") || proto4.equals("udp")) && field.equals("dport")) {
                        dports = neg + right;
                        if (proto.isEmpty()) proto = proto4;
                    } else unmodeled.add(Json.write(e).strip().replaceAll("\\s+", " "));
                }
                case "dnat", "snat" -> {
                    action = kind.toUpperCase(Locale.ROOT);
                    if (v != null && v.isObject()) {
                        toAddr = value(v.path("addr"));
                        toPort = v.has("port") ? value(v.get("port")) : "";
                    }
                }
                case "masquerade" -> action = "MASQUERADE";
                case "accept" -> action = "ACCEPT";
                case "return" -> action = "RETURN";
                case "drop" -> action = "DROP";
                case "redirect" -> action = "REDIRECT";
                case "jump", "goto" -> { action = kind.toUpperCase(Locale.ROOT); jumpTo = Json.text(v, "target"); }
                case "counter" -> counter = true;
                case "log", "comment", "limit" -> unmodeled.add(Json.write(e).strip().replaceAll("\\s+", " "));
                default -> unmodeled.add(Json.write(e).strip().replaceAll("\\s+", " "));
            }
        }
        String locator = source + ": table " + Json.text(r, "family") + " " + Json.text(r, "table") + " chain "
                + Json.text(r, "chain") + " handle " + Json.text(r, "handle");
        String text = render(in, out, src, dst, proto, dports, counter, action, jumpTo, toAddr, toPort);
        String ref = Json.text(r, "family") + " " + Json.text(r, "table") + " " + Json.text(r, "chain") + " handle " + Json.text(r, "handle");
        return new NatRule(chain, priority, action, jumpTo, in, out, src, dst, proto, dports, toAddr, toPort,
                List.copyOf(unmodeled), text, locator, ref);
    }

    /** A scalar, a prefix {"prefix":{"addr","len"}}, a range or a set, in iptables' spelling. */
    private static String value(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return "";
        if (v.isValueNode()) return v.asText();
        if (v.has("prefix")) return v.get("prefix").path("addr").asText() + "/" + v.get("prefix").path("len").asText();
        if (v.has("range")) return value(v.get("range").get(0)) + ":" + value(v.get("range").get(1));
        if (v.has("set")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v.get("set")) parts.add(value(x));
            return String.join(",", parts);
        }
        return v.toString();
    }

    /** The rule in nft's own syntax (what `nft add rule ... <text>` takes back), for plans and undo. */
    private static String render(String in, String out, String src, String dst, String proto, String dports, boolean counter,
                                 String action, String jumpTo, String toAddr, String toPort) {
        StringBuilder sb = new StringBuilder();
        if (!in.isEmpty()) sb.append("iifname ").append(nftNeg(in, true)).append(' ');
        if (!out.isEmpty()) sb.append("oifname ").append(nftNeg(out, true)).append(' ');
        if (!src.isEmpty()) sb.append("ip saddr ").append(nftNeg(src, false)).append(' ');
        if (!dst.isEmpty()) sb.append("ip daddr ").append(nftNeg(dst, false)).append(' ');
        if (!dports.isEmpty()) sb.append(proto.isEmpty() ? "th" : proto).append(" dport ").append(nftNeg(dports, false)).append(' ');
        else if (!proto.isEmpty()) sb.append("meta l4proto ").append(nftNeg(proto, false)).append(' ');
        if (counter) sb.append("counter ");
        sb.append(action.toLowerCase(Locale.ROOT));
        if (!jumpTo.isEmpty()) sb.append(' ').append(jumpTo);
        if (!toAddr.isEmpty()) sb.append(" to ").append(toAddr).append(toPort.isEmpty() ? "" : ":" + toPort);
        return sb.toString();
    }

    private static String nftNeg(String v, boolean quote) {
        boolean neg = v.startsWith("!");
        String body = neg ? v.substring(1) : v;
        if (quote) body = "\"" + body.replace("+", "*") + "\"";
        else if (body.contains(",")) body = "{ " + body.replace(",", ", ") + " }";
        return (neg ? "!= " : "") + body;
    }
}
