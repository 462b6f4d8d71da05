package runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which network lab a test JVM may build: slot 0 is the lab the environment names ($LAB_PREFIX,
 * $LAB_STATE, $LAB_MGMT_NET, else tests/lab's defaults); slot i > 0 is a lab of its own beside it
 * (prefix + i, its own state folder, a management /24 16 further on), so several lab test classes
 * run at once without touching each other's namespaces, sshd or files.
 */
record LabSlot(int index, String prefix, String state, String mgmtNet) {

    static LabSlot of(int index, Map<String, String> env) {
        String base = env.getOrDefault("LAB_PREFIX", "opslab");
        String baseState = env.get("LAB_STATE");
        String baseMgmt = env.getOrDefault("LAB_MGMT_NET", "10.253.77");
        if (index == 0) return new LabSlot(0, base, baseState != null ? baseState : "/var/lib/" + base, baseMgmt);
        String prefix = (base.length() > 7 ? base.substring(0, 7) : base) + index; // the lab allows 8 characters
        String state = baseState != null ? baseState + "-" + index : "/var/lib/" + prefix;
        return new LabSlot(index, prefix, state, shifted(baseMgmt, 16 * index));
    }

    /** "a.b.c" with c moved by {@code by}, kept within 1..254. */
    static String shifted(String net, int by) {
        int dot = net.lastIndexOf('.');
        int c = Integer.parseInt(net.substring(dot + 1)) + by;
        while (c > 254) c -= 240;
        return net.substring(0, dot + 1) + c;
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAB_PREFIX", prefix);
        env.put("LAB_STATE", state);
        env.put("LAB_MGMT_NET", mgmtNet);
        return env;
    }
}
