package ops.pfsense;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.json.Json;

/**
 * One edit of pfSense's outbound NAT rules, as data: remove the rules that match (by
 * interface and kind, or by description), then insert rules at given positions. The snippet
 * prints what it removed (with positions) so the edit can be undone exactly.
 */
public final class OutboundNatEdit {
    private final ObjectNode spec = Json.object();

    public OutboundNatEdit() {
        spec.putObject("remove");
        spec.putArray("insert");
    }

    /** Remove the enabled rules on this interface that translate ({@code nonat=false}) or are no-NAT rules. */
    public OutboundNatEdit removeOnInterface(String interfaceKey, boolean nonat) {
        ObjectNode r = (ObjectNode) spec.get("remove");
        r.put("interface", interfaceKey);
        r.put("nonat", nonat);
        return this;
    }

    public OutboundNatEdit removeByDescription(String descr) {
        ((ObjectNode) spec.get("remove")).withArray("descr").add(descr);
        return this;
    }

    /** Inserts a rule given as pfSense's array (as JSON) at {@code index}. */
    public OutboundNatEdit insert(int index, ObjectNode rule) {
        ObjectNode i = ((ArrayNode) spec.get("insert")).addObject();
        i.put("index", index);
        i.set("rule", rule);
        return this;
    }

    /** A rule as saveoutNATrule() writes it: all sources on the interface, to any destination. */
    public static ObjectNode rule(String interfaceKey, boolean nonat, String descr) {
        ObjectNode r = Json.object();
        r.put("interface", interfaceKey);
        r.putObject("source").put("network", "any");
        r.put("sourceport", "");
        r.putObject("destination").put("any", "");
        r.put("dstport", "");
        r.put("ipprotocol", "inet");
        r.put("protocol", "any");
        r.put("target", "");
        r.put("target_subnet", "");
        if (nonat) r.put("nonat", "");
        r.put("descr", descr);
        return r;
    }

    /** The descriptions of the rules this edit inserts: what its undo removes. */
    public java.util.List<String> insertedDescriptions() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var i : spec.get("insert")) out.add(i.get("rule").path("descr").asText());
        return out;
    }

    /** The undo of an applied edit: drop what it inserted, put back what it removed (its output's "removed" JSON). */
    public OutboundNatEdit inverse(String removedJson) {
        OutboundNatEdit undo = new OutboundNatEdit();
        insertedDescriptions().forEach(undo::removeByDescription);
        var removed = Json.parse("removed rules", removedJson, "a JSON array");
        for (var r : removed) undo.insert(r.get("index").asInt(), (ObjectNode) r.get("rule"));
        return undo;
    }

    public static OutboundNatEdit fromSpec(String json) {
        OutboundNatEdit e = new OutboundNatEdit();
        var tree = (ObjectNode) Json.parse("outbound NAT edit", json, "an edit spec");
        e.spec.setAll(tree);
        return e;
    }

    public String specJson() {
        return Json.write(spec).strip();
    }

    /** The PHP that applies this edit with write_config(description) and reloads the filter. */
    public String php(String expectedRevision, String description) {
        return PhpSnippet.HEADER + PhpSnippet.revisionGuard(expectedRevision)
                + "$spec = json_decode(" + PhpSnippet.literal(specJson()) + ", true);\n"
                + """
                function ops_matches($r, $m) {
                    if (!empty($m['descr'])) { return in_array($r['descr'] ?? '', $m['descr'], true); }
                    if (!isset($m['interface'])) { return false; }
                    return ($r['interface'] ?? '') === $m['interface'] && isset($r['nonat']) === $m['nonat'] && !isset($r['disabled']);
                }
                $rules = config_get_path('nat/outbound/rule', []);
                if (!is_array($rules)) { $rules = []; }
                $kept = []; $removed = [];
                foreach (array_values($rules) as $i => $r) {
                    if (ops_matches($r, $spec['remove'])) { $removed[] = ['index' => $i, 'rule' => $r]; } else { $kept[] = $r; }
                }
                foreach ($spec['insert'] as $ins) { array_splice($kept, min($ins['index'], count($kept)), 0, [$ins['rule']]); }
                config_set_path('nat/outbound/rule', $kept);
                """
                + "write_config(" + PhpSnippet.literal(description) + ");\n"
                + """
                filter_configure();
                clear_subsystem_dirty('natconf');
                clear_subsystem_dirty('filter');
                echo 'removed ', json_encode($removed), "\\n";
                """
                + PhpSnippet.PRINT_REVISION;
    }
}
