package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.json.Json;
import ops.probe.CapturedDevice;
import ops.probe.CheckResult;
import ops.probe.PathCheck;

/** One JSON object: status, what was captured, and one row per path with what each side saw. */
public final class CheckJsonReport {
    private CheckJsonReport() {}

    public static String render(CheckResult r) {
        ObjectNode root = Json.object();
        root.put("target", r.target());
        root.put("vantage", r.vantage());
        root.put("expectedClientIp", r.expected().toString());
        root.put("expectedFrom", r.expectedFrom());
        root.put("status", r.status().name());
        root.put("exitCode", r.status().code);
        root.put("tookMs", r.tookMs());
        ArrayNode devices = root.putArray("captured");
        for (CapturedDevice d : r.devices()) {
            ObjectNode o = devices.addObject();
            o.put("device", d.device());
            o.put("state", d.state().name());
            o.put("message", d.message());
            o.put("droppedByKernel", d.dropped());
        }
        ArrayNode paths = root.putArray("paths");
        for (PathCheck p : r.paths()) {
            ObjectNode o = paths.addObject();
            o.put("gateway", p.target().gateway());
            o.put("service", p.target().service());
            o.put("edgeAddress", p.target().address().map(Object::toString).orElse(""));
            o.put("port", p.target().port());
            o.put("edgeAddressFrom", p.target().addressFrom());
            o.put("edgeSendsTo", p.target().edgeSendsTo() + ":" + p.target().edgeSendsToPort());
            o.put("sourcePorts", p.plan().map(x -> x.ports().toString()).orElse(""));
            o.put("arrivedOn", p.seen().arrival().map(a -> a.device()).orElse(""));
            o.put("arrivedFrom", p.seen().arrival().map(a -> a.source().toString()).orElse(""));
            o.put("replyLeftBy", p.seen().answer().map(a -> a.device()).orElse(""));
            o.put("reply", p.seen().answer().map(a -> a.reset() ? "reset" : "syn-ack").orElse(""));
            p.seen().firewallMs().ifPresentOrElse(ms -> o.put("firewallMs", ms), () -> o.putNull("firewallMs"));
            o.put("handshake", p.probe().map(x -> x.handshake()).orElse(false));
            p.probe().flatMap(x -> x.connectMs()).ifPresentOrElse(ms -> o.put("connectMs", ms), () -> o.putNull("connectMs"));
            p.probe().ifPresent(x -> {
                o.put("totalMs", x.totalMs());
                o.put("httpStatus", x.httpStatus());
                o.put("curlExit", x.exit());
                o.put("curlError", x.error());
            });
            o.put("verdict", p.verdict().label);
            o.put("note", p.note());
            if (r.compared()) {
                o.put("predicted", p.predicted().map(Enum::name).orElse(""));
                p.agrees().ifPresentOrElse(a -> o.put("agrees", a), () -> o.putNull("agrees"));
            }
        }
        if (r.compared()) root.put("disagreements", r.disagreements());
        return Json.write(root);
    }
}
