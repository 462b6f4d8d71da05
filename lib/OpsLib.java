// The shared lib as one JBang project: built once into one cached jar (OpsLib.jar) that every
// script, the test runner and the benches put on their classpath (lib/OpsLibDep.java), instead of
// each compiling all of lib/ into its own jar (issue 19: four scripts, four full compiles).
// The pins of the toolkit's runtime dependencies are in Deps.java and ops/ssh/SshDeps.java.
//SOURCES Deps.java
//SOURCES ops/**.java
// javac stops at C1: a one-shot compile of this many sources costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
