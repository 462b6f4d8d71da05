package ops.nat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.change.RemoteLock;
import ops.change.StateDir;
import ops.change.Step;
import ops.change.Confirm;
import ops.base.OpsException;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.edge.NatRule;
import ops.json.Json;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.pfsense.OutboundNatEdit;
import ops.remote.Network;
import ops.remote.Remote;
import ops.report.TextReport;

/**
 * Masquerade on or off for one gateway: the edge's rule into the tunnel (and, with
 * --firewall-nat, pfSense's outbound NAT for the interface). Plans from a full read,
 * refuses changes that would break paths, applies atomically under a lock, verifies by
 * reading back, persists the edge's way, and records how to undo.
 *
 * Exit codes: 0 applied or already so, 2 refused by a check, 3 could not run.
 */
public final class NatToggle {
    public enum Action { OFF, ON, STATUS, UNDO }

    public record Request(String gateway, Action action, boolean firewallNat, boolean dryRun, boolean force) {}

    private final Network net;
    private final StateDir state;
    private final PrintWriter out;
    private final Confirm confirm;

    public NatToggle(Network net, StateDir state, PrintWriter out, Confirm confirm) {
        this.net = net;
        this.state = state;
        this.out = out;
        this.confirm = confirm;
    }

    /** What one run saw: the model, the gateway, its edge and the rules that masquerade into the tunnel. */
    private record Scene(Topology topology, Gateway gateway, Edge edge, EdgeInterface tunnel, EdgeNat nat, List<NatRule> masquerade) {}

    public int run(Request req) {
        return req.action() == Action.UNDO ? undo(req) : change(req);
    }

    private Scene look(String gatewayName) {
        Topology t = TopologyBuilder.build(net.read());
        Gateway g = t.gateway(gatewayName).orElseThrow(() -> new OpsException(
                "unknown gateway " + gatewayName + " on " + net.firewallName() + "; known gateways: " + t.gatewayNames()));
        if (!g.isV4() || !g.isVpn()) {
            throw new OpsException(g.name() + " is not an IPv4 OpenVPN or WireGuard gateway (" + g.device() + "); nat-toggle works on the gateways that lead to edges");
        }
        if (g.address().isEmpty()) {
            throw new OpsException(g.name() + ": address unknown (no /tmp/" + g.device() + "_router on " + net.firewallName()
                    + "); is the tunnel up?");
        }
        Edge edge = t.edge(g.name()).orElseThrow(() -> new OpsException(net.whyNoEdge(g.name()).orElse("no edge host for " + g.name()
                + ": give --edge " + g.name() + "=HOST or name it in the inventory")));
        EdgeNat nat = edge.nat().orElseThrow(() -> new OpsException(EdgeSide.whyNoRules(net.edge(g.name()))));
        EdgeInterface tunnel = t.tunnel(edge, g).orElseThrow(() -> new OpsException(net.edge(g.name()).name() + ": no interface holds "
                + g.addressText() + ", the address of " + g.name() + ", nor faces the firewall's " + ownText(t, g)
                + "; is this the edge behind " + g.name() + "?"));
        return new Scene(t, g, edge, tunnel, nat, TunnelMasquerade.rules(nat, tunnel.name()));
    }

    private int change(Request req) {
        Scene s = look(req.gateway());
        Remote edgeHost = net.edge(s.gateway().name());
        String gw = s.gateway().name(), tun = s.tunnel().name();
        if (req.action() == Action.STATUS) return status(s, edgeHost);
        boolean wantMasq = req.action() == Action.ON;
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

        // edge side: exactly the rules into the tunnel
        Optional<EdgeChange> edgeChange = Optional.empty();
        EdgeNat after = s.nat();
        if (!wantMasq && !s.masquerade().isEmpty()) {
            for (NatRule r : s.masquerade()) {
                TunnelMasquerade.whyNotRemovable(r, tun).ifPresent(why -> {
                    throw new OpsException("refused: " + edgeHost.name() + " rule `" + r.text() + "`: " + why, null, 2);
                });
            }
            edgeChange = Optional.of(EdgeChange.remove(s.nat(), s.masquerade()));
            List<NatRule> kept = new ArrayList<>(s.nat().rules());
            kept.removeAll(s.masquerade());
            after = new EdgeNat(s.nat().tool(), kept);
        } else if (wantMasq && s.masquerade().isEmpty()) {
            edgeChange = Optional.of(EdgeChange.addMasquerade(s.nat(), tun));
            List<NatRule> more = new ArrayList<>(s.nat().rules());
            more.add(0, new NatRule("POSTROUTING", 0, "MASQUERADE", "", "", tun, "", "", "", "", "", "", List.of(),
                    "-A POSTROUTING -o " + tun + " -j MASQUERADE", "planned", "planned"));
            after = new EdgeNat(s.nat().tool(), more);
        }

        // firewall side, only when asked
        Optional<FirewallSide.Decision> fwDecision = req.firewallNat()
                ? Optional.of(FirewallSide.decide(s.topology().config(), s.gateway(), wantMasq, id)) : Optional.empty();

        if (edgeChange.isEmpty() && fwDecision.flatMap(FirewallSide.Decision::edit).isEmpty()) {
            out.println(gw + ": " + edgeHost.name() + " already " + (wantMasq ? "masquerades" : "does not masquerade")
                    + " traffic into " + tun + (s.masquerade().isEmpty() ? "" : " (" + texts(s.masquerade()) + ")") + "; nothing to change");
            fwDecision.ifPresent(d -> out.println(net.firewallName() + ": " + d.say()));
            return 0;
        }

        // interlocks: predict the paths after the change
        Topology afterTopology = s.topology().withEdge(new Edge(gw, Optional.of(after), s.edge().interfaces(), s.edge().routes()));
        AuditResult before = Analyzer.analyze(s.topology()), predicted = Analyzer.analyze(afterTopology);
        List<String> refusals = interlocks(gw, wantMasq, before, predicted);

        Persistence persistence = Persistence.detect(s.nat().tool(), probe(edgeHost));
        List<Step> steps = new ArrayList<>();
        edgeChange.ifPresent(c -> {
            steps.add(new Step(edgeHost.name(), c.summary(), c.command(), c.delta()));
            persistence.saveCommand(id).ifPresent(cmd -> steps.add(new Step(edgeHost.name(), "persist: " + persistence.describe(), cmd)));
        });
        fwDecision.flatMap(FirewallSide.Decision::edit).ifPresent(e -> steps.add(new Step(net.firewallName(),
                fwDecision.get().say() + " (write_config, then filter reload)", ops.pfsense.PhpSnippet.COMMAND, "outbound NAT edit " + e.specJson())));

        out.println("nat-toggle " + gw + " " + (wantMasq ? "on" : "off") + " (firewall " + net.firewallName() + ", edge " + edgeHost.name()
                + ", tunnel " + tun + ", " + s.nat().tool() + ")");
        if (!persistence.persists() && edgeChange.isPresent()) out.println("note: " + persistence.describe());
        fwDecision.filter(d -> d.edit().isEmpty()).ifPresent(d -> out.println(net.firewallName() + ": " + d.say()));
        out.print(new ops.change.Plan("masquerade " + (wantMasq ? "on" : "off") + " for " + gw, steps).render());
        out.println("\nPaths now:");
        out.print(TextReport.matrix(before.paths()));
        out.println("\nPaths after (predicted):");
        out.print(TextReport.matrix(predicted.paths()));
        out.flush();

        if (!refusals.isEmpty()) {
            if (!req.force()) {
                throw new OpsException("refused: " + String.join("; ", refusals) + " (--force to do it anyway)", null, 2);
            }
            out.println("warning: overriding with --force: " + String.join("; ", refusals));
        }
        if (req.dryRun()) {
            out.println("\n--dry-run: nothing was changed.");
            return 0;
        }
        if (!confirm.ask("Apply this change to " + edgeHost.name() + (fwDecision.flatMap(FirewallSide.Decision::edit).isPresent() ? " and " + net.firewallName() : "") + "?")) {
            out.println("Not applied.");
            return 2;
        }
        ObjectNode record = Json.object();
        record.put("script", "nat-toggle");
        record.put("id", id);
        record.put("firewall", net.firewallName());
        record.put("configRevision", s.topology().config().revision().map(r -> r.time()).orElse(""));
        record.put("gateway", gw);
        record.put("edge", edgeHost.name());
        record.put("action", wantMasq ? "on" : "off");
        record.put("tool", s.nat().tool());
        record.put("tunnel", tun);
        record.put("status", "planned");
        Path file = state.create(recordName(gw, id), Json.write(record));

        if (edgeChange.isPresent()) applyEdge(s, edgeHost, edgeChange.get(), wantMasq, persistence, id, record, file);
        if (fwDecision.flatMap(FirewallSide.Decision::edit).isPresent()) {
            try {
                applyFirewall(s, fwDecision.get().edit().get(), wantMasq, id, record, file);
            } catch (OpsException e) {
                if (edgeChange.isEmpty()) throw e;
                throw new OpsException(e.getMessage().replace(": nothing was changed", ": the firewall was not changed")
                        + "; " + revertEdge(s, edgeHost, record, file), e, e.exitCode());
            }
        }
        record.put("status", "applied");
        state.write(recordName(gw, id), Json.write(record));
        out.println("\nApplied. Undo with: nat-toggle " + net.firewallName() + " " + gw + " undo   (record: " + file + ")");
        AuditResult now = Analyzer.analyze(TopologyBuilder.build(net.read()));
        out.println("\nPaths now (read back):");
        out.print(TextReport.matrix(now.paths()));
        return 0;
    }

    private void applyEdge(Scene s, Remote edgeHost, EdgeChange change, boolean wantMasq, Persistence persistence,
                           String id, ObjectNode record, Path file) {
        String tun = s.tunnel().name();
        EdgeSide side = new EdgeSide(edgeHost, s.nat().tool());
        try (RemoteLock lock = RemoteLock.acquire(edgeHost, "nat-toggle", "nat-toggle " + id + " on " + net.firewallName())) {
            EdgeNat current = side.readNat();
            if (!EdgeSide.fingerprint(current).equals(EdgeSide.fingerprint(s.nat()))) {
                throw new StateKnown(edgeHost.name() + ": the NAT rules changed since the plan (someone else?); nothing was changed, run again", 2);
            }
            record.put("edgeBefore", EdgeSide.fingerprint(current));
            if (!wantMasq) {
                recordUndo(record, EdgeChange.restore(current, s.masquerade()));
            }
            state.write(file.getFileName().toString(), Json.write(record));
            side.apply(change);
            EdgeNat applied = side.readNat();
            boolean masqNow = !TunnelMasquerade.rules(applied, tun).isEmpty();
            if (masqNow != wantMasq) {
                throw new StateKnown(edgeHost.name() + ": read back after the change, traffic into " + tun + " is "
                        + (masqNow ? "still" : "not") + " masqueraded; check `" + (side.tool().equals("iptables") ? "iptables-save -t nat" : "nft list ruleset") + "`", 2);
            }
            if (wantMasq) {
                recordUndo(record, EdgeChange.removeAdded(applied, tun));
            }
            record.put("edgeAfter", EdgeSide.fingerprint(applied));
            record.put("status", "edge applied");
            state.write(file.getFileName().toString(), Json.write(record));
            String warning = side.persist(persistence, id);
            record.put("persisted", warning.isEmpty() ? persistence.describe() : "");
            if (!warning.isEmpty()) out.println(warning);
            else if (persistence.persists()) out.println(edgeHost.name() + ": persisted with " + persistence.describe()
                    + ", previous file kept as " + persistence.backupOf(id));
        } catch (StateKnown e) {
            throw e;
        } catch (OpsException e) {
            // lost at some step (connection cut, sshd restarted...): read the edge again (a new connection)
            // and tell old state from new; keep undo possible when the change went in
            EdgeNat now = readBack(side);
            if (now != null && TunnelMasquerade.rules(now, tun).isEmpty() != wantMasq) {
                if (wantMasq) {
                    recordUndo(record, EdgeChange.removeAdded(now, tun));
                }
                record.put("edgeAfter", EdgeSide.fingerprint(now));
                record.put("status", "edge applied, not persisted (connection lost)");
                state.write(file.getFileName().toString(), Json.write(record));
            }
            throw new StateKnown(e.getMessage() + "; " + describe(side.host(), now, tun, wantMasq), e, e.exitCode());
        }
    }

    /**
     * The firewall half of a change failed after the edge half went in: put the edge back, so the
     * two are never left half changed; says what became of it.
     */
    private String revertEdge(Scene s, Remote edgeHost, ObjectNode record, Path file) {
        JsonNode undo = record.path("edgeUndo");
        EdgeSide side = new EdgeSide(edgeHost, s.nat().tool());
        try (RemoteLock lock = RemoteLock.acquire(edgeHost, "nat-toggle", "nat-toggle revert " + record.path("id").asText())) {
            side.apply(new EdgeChange(undo.path("command").asText(), undo.path("delta").asText(), undo.path("summary").asText()));
            String warning = side.persist(Persistence.detect(s.nat().tool(), probe(edgeHost)), record.path("id").asText() + "-revert");
            if (!warning.isEmpty()) out.println(warning);
            record.put("status", "reverted: the firewall part failed");
            state.write(file.getFileName().toString(), Json.write(record));
            return "the edge change was put back: the OLD state on " + edgeHost.name() + " too (nothing changed)";
        } catch (OpsException e) {
            return "putting " + edgeHost.name() + " back failed (" + e.getMessage() + "): the edge is in the NEW state and the firewall in the"
                    + " old one; run `nat-toggle " + net.firewallName() + " " + s.gateway().name() + " undo`";
        }
    }

    /** How to put the edge back, as the record keeps it for undo. */
    private static void recordUndo(ObjectNode record, EdgeChange undo) {
        record.putObject("edgeUndo").put("command", undo.command()).put("delta", undo.delta()).put("summary", undo.summary());
    }

    /** A failure whose message already says which state the edge is in. */
    private static final class StateKnown extends OpsException {
        StateKnown(String message, int exitCode) { this(message, null, exitCode); }

        StateKnown(String message, Throwable cause, int exitCode) { super(message, cause, exitCode); }
    }

    private void applyFirewall(Scene s, OutboundNatEdit edit, boolean wantMasq, String id, ObjectNode record, Path file) {
        Remote fw = net.firewall();
        try (RemoteLock lock = RemoteLock.acquire(fw, "nat-toggle", "nat-toggle " + id)) {
            String revision = s.topology().config().revision().map(r -> r.time()).orElse("");
            String output = FirewallSide.apply(fw, edit, revision, "ops nat-toggle: " + (wantMasq ? "NAT" : "no NAT") + " out "
                    + s.gateway().name() + " (" + s.gateway().interfaceKey() + ")");
            String removed = output.lines().filter(l -> l.startsWith("removed ")).map(l -> l.substring(8)).findFirst().orElse("[]");
            record.putObject("firewallUndo").put("spec", edit.inverse(removed).specJson());
            output.lines().filter(l -> l.startsWith("revision ")).findFirst().ifPresent(l -> record.put("configRevisionAfter", l.substring(9)));
            state.write(file.getFileName().toString(), Json.write(record));
            if (!FirewallSide.loaded(fw, s.gateway().device(), wantMasq, Duration.ofSeconds(15))) {
                out.println("warning: " + fw.name() + ": config saved, but `pfctl -sn` does not show the change yet; check Status > Filter Reload");
            }
        }
    }

    private int status(Scene s, Remote edgeHost) {
        String gw = s.gateway().name();
        out.println(gw + " (" + s.gateway().interfaceKey() + ", " + s.gateway().device() + ", " + s.gateway().addressText() + ") on "
                + net.firewallName() + "; edge " + edgeHost.name() + ", tunnel " + s.tunnel().name() + ", " + s.nat().tool());
        out.println("masquerade into " + s.tunnel().name() + ": " + (s.masquerade().isEmpty() ? "off" : "on (" + texts(s.masquerade()) + ")"));
        out.println("persisted with: " + Persistence.detect(s.nat().tool(), probe(edgeHost)).describe());
        String mode = s.topology().config().outboundNat().mode();
        out.println("pfSense outbound NAT: " + (mode.isEmpty() ? "automatic" : mode) + "; rules for " + s.gateway().interfaceKey() + ": "
                + s.topology().config().outboundNat().rules().stream().filter(r -> r.interfaceKey().equals(s.gateway().interfaceKey()))
                .map(r -> (r.nonat() ? "no NAT" : "NAT") + (r.disabled() ? " (disabled)" : "") + " '" + r.descr() + "'").toList());
        out.print(TextReport.matrix(Analyzer.analyze(s.topology()).paths().stream().filter(p -> p.gateway().equals(gw)).toList()));
        return 0;
    }

    private int undo(Request req) {
        String gw = req.gateway();
        Path file = state.latest(recordPrefix(gw)).orElseThrow(() -> new OpsException("no nat-toggle change of " + gw + " on "
                + net.firewallName() + " recorded in " + state.path() + "; nothing to undo"));
        JsonNode rec = Json.parse(file.toString(), read(file), "a nat-toggle change record");
        if (rec.path("status").asText().equals("undone")) {
            out.println("the last change of " + gw + " (" + rec.path("id").asText() + ") is already undone; nothing to do");
            return 0;
        }
        Scene s = look(gw);
        Remote edgeHost = net.edge(gw);
        out.println("undo nat-toggle " + gw + " " + rec.path("action").asText() + " of " + rec.path("id").asText());
        JsonNode edgeUndo = rec.path("edgeUndo"), fwUndo = rec.path("firewallUndo");
        List<Step> steps = new ArrayList<>();
        if (!edgeUndo.isMissingNode()) steps.add(new Step(edgeHost.name(), edgeUndo.path("summary").asText(),
                edgeUndo.path("command").asText(), edgeUndo.path("delta").asText()));
        if (!fwUndo.isMissingNode()) steps.add(new Step(net.firewallName(), "restore outbound NAT rules", ops.pfsense.PhpSnippet.COMMAND,
                "outbound NAT edit " + fwUndo.path("spec").asText()));
        out.print(new ops.change.Plan("undo " + rec.path("id").asText(), steps).render());
        if (!edgeUndo.isMissingNode() && !EdgeSide.fingerprint(s.nat()).equals(rec.path("edgeAfter").asText()) && !req.force()) {
            throw new OpsException(edgeHost.name() + ": the NAT rules changed since " + rec.path("id").asText()
                    + "; undo would not restore exactly (--force to apply the undo anyway)", null, 2);
        }
        if (req.dryRun()) {
            out.println("--dry-run: nothing was changed.");
            return 0;
        }
        if (!confirm.ask("Undo " + rec.path("id").asText() + "?")) {
            out.println("Not applied.");
            return 2;
        }
        ObjectNode updated = (ObjectNode) rec;
        if (!edgeUndo.isMissingNode()) {
            EdgeSide side = new EdgeSide(edgeHost, s.nat().tool());
            try (RemoteLock lock = RemoteLock.acquire(edgeHost, "nat-toggle", "nat-toggle undo " + rec.path("id").asText())) {
                side.apply(new EdgeChange(edgeUndo.path("command").asText(), edgeUndo.path("delta").asText(), edgeUndo.path("summary").asText()));
                String now = EdgeSide.fingerprint(side.readNat());
                if (!now.equals(rec.path("edgeBefore").asText())) {
                    out.println("warning: " + edgeHost.name() + ": after undo the NAT rules differ from before the change (someone else changed them meanwhile?)");
                }
                String warning = side.persist(Persistence.detect(s.nat().tool(), probe(edgeHost)), rec.path("id").asText() + "-undo");
                if (!warning.isEmpty()) out.println(warning);
            }
        }
        if (!fwUndo.isMissingNode()) {
            Remote fw = net.firewall();
                try (RemoteLock lock = RemoteLock.acquire(fw, "nat-toggle", "nat-toggle undo")) {
                String revision = s.topology().config().revision().map(r -> r.time()).orElse("");
                FirewallSide.apply(fw, OutboundNatEdit.fromSpec(fwUndo.path("spec").asText()), revision,
                        "ops nat-toggle: undo " + rec.path("id").asText());
            }
        }
        updated.put("status", "undone");
        state.write(file.getFileName().toString(), Json.write(updated));
        out.println("Undone.");
        out.print(TextReport.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        return 0;
    }

    /** Refusals for `off`: the change would make replies triangular, or add a second real-IP gateway without reply-to. */
    static List<String> interlocks(String gw, boolean wantMasq, AuditResult before, AuditResult predicted) {
        List<String> out = new ArrayList<>();
        if (wantMasq) return out;
        List<PathRow> broken = predicted.paths().stream().filter(p -> p.gateway().equals(gw) && p.verdict() == Verdict.TRIANGULAR).toList();
        if (!broken.isEmpty()) {
            out.add("with masquerade off, replies to " + gw + "'s clients would leave by " + broken.get(0).replyLeavesBy()
                    + " (triangular); first run `default-route set " + gw + "` or pass its traffic with a reply-to rule on its interface tab");
        }
        boolean multipleBefore = before.findings().stream().anyMatch(f -> f.code() == Code.MULTIPLE_REAL_IP_GATEWAYS);
        predicted.findings().stream().filter(f -> f.code() == Code.MULTIPLE_REAL_IP_GATEWAYS && !multipleBefore).findFirst()
                .ifPresent(f -> out.add("it would make a second real-IP gateway while one has no reply-to coverage (" + f.message() + ")"));
        return out;
    }

    private String probe(Remote edge) {
        try {
            return edge.run(Persistence.PROBE).out();
        } catch (OpsException e) { // still planning
            throw new OpsException(e.getMessage() + "; nothing was changed", e, e.exitCode());
        }
    }

    /** The edge's rules read again over a new connection; null when that fails too. */
    private static EdgeNat readBack(EdgeSide side) {
        try {
            return side.readNat();
        } catch (OpsException e) {
            return null;
        }
    }

    private static String describe(Remote host, EdgeNat now, String tun, boolean wantMasq) {
        if (now == null) return "could not read " + host.name() + " back to tell old state from new: check it before anything else";
        boolean masq = !TunnelMasquerade.rules(now, tun).isEmpty();
        return host.name() + " now " + (masq ? "masquerades" : "does not masquerade") + " into " + tun + ": "
                + (masq == wantMasq ? "the NEW state (applied, not yet persisted; undo works)" : "the OLD state (nothing changed)");
    }

    private String recordPrefix(String gw) { return "nat-toggle-" + net.firewallName() + "-" + gw + "-"; }

    private String recordName(String gw, String id) { return recordPrefix(gw) + id + ".json"; }

    private static String ownText(Topology t, Gateway g) {
        List<ops.net.IpAddress> own = t.ownAddresses(g);
        return own.isEmpty() ? "tunnel address (unknown: " + t.addresses().unknownWhy(g.device()).orElse("not read") + ")"
                : "tunnel address " + String.join(", ", own.stream().map(Object::toString).toList());
    }

    private static String texts(List<NatRule> rules) {
        return String.join("; ", rules.stream().map(NatRule::text).toList());
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new OpsException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
