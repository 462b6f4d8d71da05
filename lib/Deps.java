// The one place where the toolkit's runtime dependencies and their versions are pinned.
// lib/OpsLib.java sources this file, so every script (through lib/OpsLibDep.java) gets these //DEPS.
// The SSH layer's pins live beside it, in lib/ops/ssh/SshDeps.java.
//DEPS info.picocli:picocli:4.7.7
//DEPS org.jsoup:jsoup:1.21.2
//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
// the inventory (ops.toml) reader; keep it on jackson-databind's version
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-toml:2.20.1
