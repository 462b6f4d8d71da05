// Pins the SSH layer's dependencies (JBang reads //DEPS from every sourced lib file).
// sshj 0.40.0 brings BouncyCastle 1.80 and slf4j-api 2.0.17; slf4j-nop binds the latter so that
// neither sshj nor BouncyCastle prints log lines (which could carry host names or key details).
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
