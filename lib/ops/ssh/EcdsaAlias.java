package ops.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * sshj asks the JCA for a KeyFactory named "ECDSA", BouncyCastle's name for what the JDK calls
 * "EC". Registering all of BouncyCastle just for that name costs ~250 ms at every start; this
 * provider only maps the name to the JDK's own implementation.
 */
final class EcdsaAlias extends Provider {
    private EcdsaAlias() {
        super("OpsEcdsaAlias", "1.0", "KeyFactory.ECDSA -> the JDK's KeyFactory.EC");
        putService(new Service(this, "KeyFactory", "ECDSA", Spi.class.getName(), null, null) {
            @Override
            public Object newInstance(Object param) {
                return new Spi();
            }
        });
    }

    static synchronized void install() {
        if (Security.getProvider("OpsEcdsaAlias") == null) Security.addProvider(new EcdsaAlias());
    }

    /** Every call goes to the JDK's "EC" key factory. */
    public static final class Spi extends KeyFactorySpi {
        private final KeyFactory ec;

        public Spi() {
            try {
                ec = KeyFactory.getInstance("EC");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no EC key factory", e);
            }
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> spec) throws InvalidKeySpecException {
            return ec.getKeySpec(key, spec);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
