package ops.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;

/**
 * The `@cert-authority` lines of known_hosts, and OpenSSH's check of a host certificate against
 * them (sshconnect.c, check_host_cert): signed by a CA listed for this host name, a host (not a
 * user) certificate, valid now, naming the host (HostKeyAlias, else HostName) among its
 * principals (an empty list names every host). A certificate whose CA is not listed is judged as
 * its plain key, as ssh does; one whose CA is listed but that fails a check is refused.
 */
final class CertAuthorities {
    private static final long HOST_CERT = 2;

    /** One `@cert-authority PATTERNS TYPE KEY` line. */
    record Authority(Path file, int line, List<String> patterns, byte[] key) {}

    /** The verdict on a certificate whose CA is listed: empty = valid, else why not (one phrase). */
    record Verdict(Authority authority, Optional<String> problem) {}

    private final List<Authority> authorities = new ArrayList<>();

    /** Reads one line if it is a @cert-authority line; false otherwise. */
    boolean read(Path file, int n, String line) {
        String t = line.strip();
        if (!t.startsWith("@cert-authority")) return false;
        String[] w = t.split("\\s+");
        if (w.length < 4) return true; // broken: OpenSSH skips it too
        try {
            authorities.add(new Authority(file, n, List.of(w[1].split(",")), Base64.getDecoder().decode(w[3])));
        } catch (IllegalArgumentException ignored) {
            // not base64: skipped
        }
        return true;
    }

    /** Whether a CA is listed for {@code name} (the known_hosts lookup name, `[host]:port` off port 22). */
    boolean listedFor(String name) {
        return authorities.stream().anyMatch(a -> SshConfigFile.matches(name.toLowerCase(), a.patterns()));
    }

    /** The verdict on {@code cert}, or empty when no CA listed for {@code name} signed it. */
    Optional<Verdict> check(Certificate<?> cert, String name, String principal) {
        for (Authority a : authorities) {
            if (!SshConfigFile.matches(name.toLowerCase(), a.patterns()) || !Arrays.equals(a.key(), cert.getSignatureKey())) continue;
            return Optional.of(new Verdict(a, problem(cert, a, principal)));
        }
        return Optional.empty();
    }

    private static Optional<String> problem(Certificate<?> cert, Authority a, String principal) {
        if (cert.getType() != HOST_CERT) return Optional.of("it is a user certificate, not a host certificate");
        Instant now = Instant.now();
        if (cert.getValidAfter() != null && now.isBefore(cert.getValidAfter().toInstant())) {
            return Optional.of("it is not valid before " + cert.getValidAfter().toInstant());
        }
        if (cert.getValidBefore() != null && !now.isBefore(cert.getValidBefore().toInstant())) {
            return Optional.of("it expired on " + cert.getValidBefore().toInstant());
        }
        List<String> principals = cert.getValidPrincipals() == null ? List.of() : cert.getValidPrincipals();
        if (!principals.isEmpty() && principals.stream().noneMatch(p -> SshConfigFile.matches(principal.toLowerCase(), List.of(p)))) {
            return Optional.of("it names " + String.join(", ", principals) + ", not " + principal);
        }
        return signedBy(cert, a.key()) ? Optional.empty() : Optional.of("its CA signature does not verify");
    }

    /** Whether the CA's key signed the certificate: the signature covers the certificate blob up to the signature itself. */
    static boolean signedBy(Certificate<?> cert, byte[] caBlob) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(cert).getCompactData();
            byte[] sig = cert.getSignature();
            byte[] signed = Arrays.copyOf(blob, blob.length - 4 - sig.length);
            String algorithm = new Buffer.PlainBuffer(sig).readString();
            Signature verifier = Factory.Named.Util.create(KeyType.CertUtils.ALL_SIGNATURES, algorithm);
            if (verifier == null) return false;
            verifier.initVerify(new Buffer.PlainBuffer(caBlob).readPublicKey());
            verifier.update(signed);
            return verifier.verify(sig);
        } catch (Buffer.BufferException | RuntimeException e) {
            return false; // a certificate we cannot check is not a valid one
        }
    }

    /** The key a certificate certifies. */
    static PublicKey plain(Certificate<?> cert) { return cert.getKey(); }
}
