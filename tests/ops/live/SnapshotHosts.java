package ops.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import ops.ssh.SshLab;

/**
 * Hosts that "are" a snapshot folder: each sshd's ForceCommand wrapper puts fake netstat, pfctl,
 * pfSsh.php, cat (for /conf/config.xml), grep (for /tmp/*_router), iptables-save, nft and ip on
 * PATH, which print the folder's files. Then runs the command the client sent, through sh, as
 * a real login would.
 */
public final class SnapshotHosts {
    private SnapshotHosts() {}

    /** Copies {@code snapshot} into the lab and writes the wrapper and fakes; returns the wrapper. */
    public static Path install(SshLab lab, Path snapshot) throws IOException {
        Path snap = lab.dir.resolve("snap");
        copyTree(snapshot, snap);
        Path bin = Files.createDirectories(lab.dir.resolve("fakebin"));
        fake(bin, "netstat", "cat \"$SNAP/routes.txt\"");
        fake(bin, "ifconfig", "[ \"$*\" = -a ] || exit 64; f=\"$SNAP/ifconfig.txt\"; [ -f \"$f\" ] && exec /bin/cat \"$f\"; "
                + "echo 'ifconfig: this snapshot has no ifconfig.txt' >&2; exit 1");
        fake(bin, "pfctl", "[ \"$1\" = -sr ] || exit 64; cat \"$SNAP/pf-rules.txt\"");
        fake(bin, "pfSsh.php", "[ \"$*\" = 'playback gatewaystatus' ] || exit 64; cat \"$SNAP/gateway-status.txt\"");
        fake(bin, "cat", "if [ \"$1\" = /conf/config.xml ]; then exec /bin/cat \"$SNAP/config.xml\"; fi; exec /bin/cat \"$@\"");
        fake(bin, "grep", "case \"$*\" in *_router*) exec /bin/cat \"$SNAP/routers.txt\";; esac; exec /bin/grep \"$@\"");
        fake(bin, "iptables-save", "f=\"$SNAP/edges/$ROLE.iptables\"; [ -f \"$f\" ] && exec /bin/cat \"$f\"; exit 0");
        fake(bin, "nft", "[ \"$*\" = '-j list ruleset' ] || exit 64; f=\"$SNAP/edges/$ROLE.nft.json\"; [ -f \"$f\" ] && exec /bin/cat \"$f\"; "
                + "echo '{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}}]}'");
        fake(bin, "ip", "case \"$*\" in '-j addr') x=addr;; '-j route') x=routes;; *) exit 64;; esac; "
                + "f=\"$SNAP/edges/$ROLE.$x.json\"; [ -f \"$f\" ] && exec /bin/cat \"$f\"; echo \"ip: no $x in this snapshot\" >&2; exit 1");
        Path serve = lab.dir.resolve("serve.sh");
        Files.writeString(serve, "#!/bin/sh\n# ForceCommand: $1 is the role (FIREWALL or a gateway name)\n"
                + "ROLE=\"$1\"; SNAP='" + snap + "'; PATH='" + bin + "':\"$PATH\"; export ROLE SNAP PATH\n"
                + "exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        executable(serve);
        return serve;
    }

    /** The firewall and its edges as {@link #startAll} starts them. */
    public record Hosts(SshLab.Sshd firewall, Path inventory) {}

    /**
     * Starts `fw` and `edge1`..`edge3` serving the snapshot behind {@code serve} (see
     * {@link #install}), each with an alias and a trusted host key, and writes an inventory
     * naming them (ops.toml in the lab folder).
     */
    public static Hosts startAll(SshLab lab, Path serve) throws IOException {
        SshLab.Sshd fw = lab.start("fw", "ForceCommand " + serve + " FIREWALL");
        lab.alias("fw", fw);
        lab.trust(fw, "ed25519");
        StringBuilder toml = new StringBuilder("[firewalls.fw]\nssh = \"fw\"\n\n[firewalls.fw.edges]\n");
        int n = 1;
        for (String gw : gateways()) {
            SshLab.Sshd edge = lab.start("edge" + n, "ForceCommand " + serve + " " + gw);
            lab.alias("edge" + n, edge);
            lab.trust(edge, "ed25519");
            toml.append(gw).append(" = \"edge").append(n++).append("\"\n");
        }
        Path inventory = lab.dir.resolve("ops.toml");
        Files.writeString(inventory, toml);
        return new Hosts(fw, inventory);
    }

    private static void fake(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        executable(f);
    }

    private static void executable(Path f) throws IOException {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public static List<String> gateways() {
        return List.of("EDGE1_VPNV4", "EDGE2_VPNV4", "EDGE3_VPNV4");
    }
}
