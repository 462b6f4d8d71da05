// The one place where the toolkit's runtime dependencies and their versions are pinned.
// Every script pulls lib/ in with `//SOURCES ../lib/**.java`, and JBang honours these //DEPS.
//DEPS info.picocli:picocli:4.7.7
//DEPS org.jsoup:jsoup:1.21.2
//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
