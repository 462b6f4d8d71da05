package ops.ssh;

import com.hierynomus.sshj.key.KeyAlgorithm;
import com.hierynomus.sshj.key.KeyAlgorithms;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureRSA;

/**
 * RSA certificates signed with SHA-2 (rsa-sha2-512/256-cert-v01@openssh.com), for host and user
 * certificates alike: sshj 0.40.0 knows only ssh-rsa-cert-v01 (SHA-1), which OpenSSH 8.8+ refuses.
 * The signature inside is the plain key's rsa-sha2-512/256; sshj's SignatureRSA already unwraps a
 * certificate to its key.
 */
final class RsaCertAlgorithms {
    private RsaCertAlgorithms() {}

    /** Puts the two algorithms in front of the RSA certificate one sshj has. */
    static void install(DefaultConfig config) {
        List<Factory.Named<KeyAlgorithm>> algs = new ArrayList<>(config.getKeyAlgorithms());
        int at = 0;
        for (int i = 0; i < algs.size(); i++) {
            if (algs.get(i).getName().equals(KeyType.RSA_CERT.toString())) {
                at = i;
                break;
            }
        }
        algs.add(at, factory("rsa-sha2-256-cert-v01@openssh.com", "SHA256withRSA", "rsa-sha2-256"));
        algs.add(at, factory("rsa-sha2-512-cert-v01@openssh.com", "SHA512withRSA", "rsa-sha2-512"));
        config.setKeyAlgorithms(algs);
    }

    private static KeyAlgorithms.Factory factory(String name, String jca, String signatureName) {
        Factory.Named<Signature> signature = new Factory.Named<>() {
            @Override
            public Signature create() { return new SignatureRSA(jca, KeyType.RSA_CERT, signatureName); }

            @Override
            public String getName() { return signatureName; }
        };
        return new KeyAlgorithms.Factory(name, signature, KeyType.RSA_CERT);
    }
}
