// Every script, the test runner and the benches source this file: it puts the shared lib, built
// once into one jar (lib/OpsLib.java), on their classpath. It is declared here once rather than in
// each script, because JBang 0.132.1 refuses a second //DEPS on the same .java file within one
// build ("Self-referencing project dependency"), and the test runner sources all five scripts;
// a file sourced twice is read once.
//DEPS OpsLib.java
// JBang keys a cached jar by its own sources and files only, not by a //DEPS project's: the lib's
// sources as files of the jar make a lib change rebuild its users too, so none ever runs against
// a lib it was not compiled with (a changed signature or constant).
//FILES META-INF/ops-lib/=ops/**.java
