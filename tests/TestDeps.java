// The one place where the tests' and benches' own dependencies and their versions are pinned
// (the toolkit's are in lib/Deps.java). tests/RunTests.java and the benches that use test code
// name this file in //SOURCES, FIRST: JBang resolves //DEPS in the order it meets them, and after
// lib's, Jackson's parent POM would bring JUnit 5.13.4 (check with `./jbang info classpath`).
// JUnit Jupiter 5.x.y goes with the platform launcher 1.x.y.
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1
// the fuzz targets (tests/ops/fuzz, tests/fuzz/run)
//DEPS com.code-intelligence:jazzer:0.30.0
