package ops.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import ops.base.OpsException;

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
        return new Snapshot(dir.toString(), config, routes, optional(dir, Snapshot.IFCONFIG), optional(dir, Snapshot.GATEWAY_STATUS),
                optional(dir, Snapshot.PF_RULES), optional(dir, Snapshot.ROUTERS), edges);
    }

    /**
     * Writes every part of the snapshot that was read into {@code dir}, whole or not at all: the
     * files go to a hidden sibling folder first, which then replaces {@code dir} by renames. So a
     * full disk or a crash never leaves a half-new snapshot, and an older snapshot in {@code dir}
     * stays as it was unless the new one is complete. A folder that holds anything but a snapshot
     * is refused rather than replaced. The folder is 0700 and its files 0600, as config.xml holds
     * password hashes and VPN keys.
     */
    public static void write(Path dir, Snapshot s) {
        Path target = dir.toAbsolutePath().normalize();
        refuseNonSnapshot(target);
        Path parent = target.getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
            writeFiles(staging, s);
            swapIn(staging, target);
            staging = null;
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new OpsException(target + ": could not save the snapshot (" + why + "); "
                    + (Files.exists(target) ? "what was there is unchanged" : "nothing was saved") + "; free space or choose another folder", e);
        } finally {
            if (staging != null) deleteTree(staging);
        }
    }

    private static void writeFiles(Path dir, Snapshot s) throws IOException {
        write(dir.resolve(Snapshot.CONFIG), s.configXml());
        write(dir.resolve(Snapshot.ROUTES), s.routes());
        write(dir.resolve(Snapshot.IFCONFIG), s.ifconfig());
        write(dir.resolve(Snapshot.GATEWAY_STATUS), s.gatewayStatus());
        write(dir.resolve(Snapshot.PF_RULES), s.pfRules());
        write(dir.resolve(Snapshot.ROUTERS), s.routers());
        Path edgeDir = dir.resolve(Snapshot.EDGES);
        for (Snapshot.Edge e : s.edges().values()) {
            if (!Files.isDirectory(edgeDir)) Files.createDirectory(edgeDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            write(edgeDir.resolve(e.gateway() + Snapshot.IPTABLES), e.iptables());
            write(edgeDir.resolve(e.gateway() + Snapshot.NFT), e.nftJson());
            write(edgeDir.resolve(e.gateway() + Snapshot.ADDR), e.addrJson());
            write(edgeDir.resolve(e.gateway() + Snapshot.EDGE_ROUTES), e.routesJson());
        }
    }

    /** Private to the user: config.xml holds password hashes and VPN keys. */
    private static void write(Path f, String text) throws IOException {
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    private static void write(Path f, Optional<String> text) throws IOException {
        if (text.isPresent()) write(f, text.get());
    }

    /** staging becomes target; an older target is moved aside first and put back if the swap fails. */
    private static void swapIn(Path staging, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    /** An existing folder is only replaced when it is empty or looks like a snapshot. */
    private static void refuseNonSnapshot(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OpsException(target + ": exists and is not a folder; --save-snapshot needs a new or snapshot folder");
        }
        try (Stream<Path> list = Files.list(target)) {
            List<String> names = list.map(p -> p.getFileName().toString()).toList();
            boolean snapshot = names.stream().allMatch(n -> SNAPSHOT_FILES.contains(n) || n.equals(Snapshot.EDGES));
            if (!snapshot) {
                throw new OpsException(target + ": holds files that are not a snapshot (" + names.stream().filter(n -> !SNAPSHOT_FILES.contains(n)
                        && !n.equals(Snapshot.EDGES)).sorted().findFirst().orElse("?") + "); choose a new or empty folder, nothing was written");
            }
        } catch (IOException e) {
            throw new OpsException(target + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static final List<String> SNAPSHOT_FILES =
            List.of(Snapshot.CONFIG, Snapshot.ROUTES, Snapshot.IFCONFIG, Snapshot.GATEWAY_STATUS, Snapshot.PF_RULES, Snapshot.ROUTERS);

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover hidden folder is harmless; the error that brought us here matters more
        }
    }

    private static String required(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            throw new OpsException(f + ": missing; a snapshot needs config.xml and routes.txt (`netstat -rnW`)");
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
