// The one place where the tests' and benches' own dependencies and their versions are pinned
// (the toolkit's are in lib/Deps.java). tests/RunTests.java and the benches that use test code
// name this file in //SOURCES, FIRST: JBang resolves //DEPS in the order it meets them, and after
// lib's, Jackson's parent POM would bring JUnit 5.13.4 (check with `./jbang info classpath`).
// JUnit Jupiter 5.x.y goes with the platform launcher 1.x.y.
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1
// the fuzz targets (tests/ops/fuzz, tests/fuzz/run)
//DEPS com.code-intelligence:jazzer:0.30.0
// tests/ops/fleet/VirtualFleet: many virtual firewalls over real SSH in one process (the fleet bench and its test);
// slf4j-api stays on sshj's 2.0.17 (sshd-core would bring 1.7.36, which slf4j-nop 2.x cannot bind)
//DEPS org.apache.sshd:sshd-core:2.20.0
//DEPS org.slf4j:slf4j-api:2.0.17
// ...and BouncyCastle stays on what sshj 0.40.0 brings the scripts (lib/ops/ssh/SshDeps.java): sshd's parent POM
// manages it to 1.86, which JBang's resolver would apply to the whole test classpath; tests run the lib as it ships
//DEPS org.bouncycastle:bcprov-jdk18on:1.80
//DEPS org.bouncycastle:bcpkix-jdk18on:1.80
//DEPS org.bouncycastle:bcutil-jdk18on:1.80.2
