package ops.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import ops.cli.AtomicFile;
import ops.cli.OpsException;

/** Reads and writes a snapshot folder (see {@link Snapshot} for its files). */
public final class SnapshotDir {
    private SnapshotDir() {}

    private static final List<String> EDGE_SUFFIXES =
            List.of(Snapshot.IPTABLES, Snapshot.NFT, Snapshot.ADDR, Snapshot.EDGE_ROUTES);

    public static Snapshot read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new OpsException(dir + ": no such snapshot folder; pass a folder holding config.xml and routes.txt");
        }
        String config = required(dir, Snapshot.CONFIG);
        String routes = required(dir, Snapshot.ROUTES);
        Map<String, Snapshot.Edge> edges = new TreeMap<>();
        Path edgeDir = dir.resolve(Snapshot.EDGES);
        if (Files.isDirectory(edgeDir)) {
            try (Stream<Path> files = Files.list(edgeDir)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    String suffix = EDGE_SUFFIXES.stream().filter(file::endsWith).findFirst().orElseThrow(() -> new OpsException(
                            f + ": unexpected file; edge files are GATEWAY.iptables, GATEWAY.nft.json, GATEWAY.addr.json or GATEWAY.routes.json"));
                    String gw = file.substring(0, file.length() - suffix.length());
                    Snapshot.Edge e = edges.getOrDefault(gw, new Snapshot.Edge(gw, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
                    Optional<String> text = Optional.of(readFile(f));
                    e = switch (suffix) {
                        case Snapshot.IPTABLES -> new Snapshot.Edge(gw, text, e.nftJson(), e.addrJson(), e.routesJson());
                        case Snapshot.NFT -> new Snapshot.Edge(gw, e.iptables(), text, e.addrJson(), e.routesJson());
                        case Snapshot.ADDR -> new Snapshot.Edge(gw, e.iptables(), e.nftJson(), text, e.routesJson());
                        default -> new Snapshot.Edge(gw, e.iptables(), e.nftJson(), e.addrJson(), text);
                    };
                    edges.put(gw, e);
                }
            } catch (IOException e) {
                throw new OpsException(edgeDir + ": cannot list (" + e.getMessage() + ")", e);
            }
        }
        return new Snapshot(dir.toString(), config, routes, optional(dir, Snapshot.GATEWAY_STATUS),
                optional(dir, Snapshot.PF_RULES), optional(dir, Snapshot.ROUTERS), edges);
    }

    /** Writes every part of the snapshot that was read, each file atomically. */
    public static void write(Path dir, Snapshot s) {
        AtomicFile.write(dir.resolve(Snapshot.CONFIG), s.configXml());
        AtomicFile.write(dir.resolve(Snapshot.ROUTES), s.routes());
        s.gatewayStatus().ifPresent(t -> AtomicFile.write(dir.resolve(Snapshot.GATEWAY_STATUS), t));
        s.pfRules().ifPresent(t -> AtomicFile.write(dir.resolve(Snapshot.PF_RULES), t));
        s.routers().ifPresent(t -> AtomicFile.write(dir.resolve(Snapshot.ROUTERS), t));
        Path edgeDir = dir.resolve(Snapshot.EDGES);
        for (Snapshot.Edge e : s.edges().values()) {
            e.iptables().ifPresent(t -> AtomicFile.write(edgeDir.resolve(e.gateway() + Snapshot.IPTABLES), t));
            e.nftJson().ifPresent(t -> AtomicFile.write(edgeDir.resolve(e.gateway() + Snapshot.NFT), t));
            e.addrJson().ifPresent(t -> AtomicFile.write(edgeDir.resolve(e.gateway() + Snapshot.ADDR), t));
            e.routesJson().ifPresent(t -> AtomicFile.write(edgeDir.resolve(e.gateway() + Snapshot.EDGE_ROUTES), t));
        }
    }

    private static String required(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            throw new OpsException(f + ": missing; a snapshot needs config.xml and routes.txt (`netstat -rn`)");
        }
        return readFile(f);
    }

    private static Optional<String> optional(Path dir, String name) {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Optional.of(readFile(f)) : Optional.empty();
    }

    private static String readFile(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OpsException(f + ": missing", e);
        } catch (MalformedInputException e) {
            throw new OpsException(f + ": not UTF-8 text; is this the right file?", e);
        } catch (IOException e) {
            throw new OpsException(f + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
