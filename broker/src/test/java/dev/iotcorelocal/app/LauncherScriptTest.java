package dev.iotcorelocal.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code ./iotcore-local} launcher, run as a user runs it, in a copy of the
 * repository layout with a fake {@code mvn} (records that it ran, "builds" the jar) and a fake
 * {@code java} (records its arguments) first on the PATH.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "iotcore-local");
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path temp;
    private Path repo;
    private Path bin;
    private Path jar;

    @BeforeEach
    void layOutRepository() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        Files.copy(SCRIPT, repo.resolve("iotcore-local"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String file : List.of("pom.xml", "broker/pom.xml", "config/iotcore-local.yaml",
                "broker/src/main/java/dev/iotcorelocal/app/Main.java")) {
            Path path = repo.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "source");
        }
        try (Stream<Path> paths = Files.walk(repo)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, time(-60)); // folders too: find -newer looks at them
            }
        }
        jar = repo.resolve("broker/target/iotcore-local.jar");
        bin = Files.createDirectories(temp.resolve("bin"));
        fake("mvn", "echo \"$PWD $*\" >> '" + temp.resolve("mvn.calls") + "'\n"
                + "mkdir -p broker/target && echo jar > broker/target/iotcore-local.jar\n");
        fake("java", "printf '%s\\n' \"$@\" > '" + temp.resolve("java.args") + "'\n");
    }

    @Test
    void scriptInTheRepositoryIsExecutable() {
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    @Test
    void missingJarIsBuiltVisiblyThenRunWithEveryArgumentPassedThrough() throws Exception {
        Run run = launch(repo, "--profile", "relaxed", "--config", "my file.yaml");

        assertThat(run.exitCode).isZero();
        assertThat(run.err).contains("Building iotcore-local (first start or sources changed)...");
        assertThat(mvnCalls()).containsExactly(repo.toRealPath() + " -B -q -pl broker -am package -DskipTests");
        assertThat(javaArgs()).containsExactly("-XX:+UseSerialGC", "-jar",
                repo.toRealPath().resolve("broker/target/iotcore-local.jar").toString(),
                "--profile", "relaxed", "--config", "my file.yaml");
    }

    @Test
    void upToDateJarStartsWithoutBuilding() throws Exception {
        buildJar();

        Run run = launch(repo, "--print-config");

        assertThat(run.exitCode).isZero();
        assertThat(run.err).doesNotContain("Building");
        assertThat(mvnCalls()).isEmpty();
        assertThat(javaArgs()).endsWith("--print-config");
    }

    @Test
    void aSourceConfigOrPomNewerThanTheJarRebuilds() throws Exception {
        for (String changed : List.of("broker/src/main/java/dev/iotcorelocal/app/Main.java",
                "config/iotcore-local.yaml", "pom.xml", "broker/pom.xml")) {
            buildJar();
            Files.setLastModifiedTime(repo.resolve(changed), time(+60));

            Run run = launch(repo);

            assertThat(run.err).as(changed).contains("Building iotcore-local");
            assertThat(mvnCalls()).as(changed).hasSize(1);
            Files.setLastModifiedTime(repo.resolve(changed), time(-60));
            Files.deleteIfExists(temp.resolve("mvn.calls"));
        }
    }

    @Test
    void worksFromAnyDirectoryAndThroughASymlink() throws Exception {
        buildJar();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(bin.resolve("iotcore-local"), repo.resolve("iotcore-local"));

        Run direct = launch(elsewhere, repo.resolve("iotcore-local").toString(), List.of("--help"));
        Run linked = launch(elsewhere, link.toString(), List.of("--help"));

        assertThat(direct.exitCode).isZero();
        assertThat(linked.exitCode).isZero();
        assertThat(javaArgs()).containsExactly("-XX:+UseSerialGC", "-jar",
                repo.toRealPath().resolve("broker/target/iotcore-local.jar").toString(), "--help");
        assertThat(mvnCalls()).isEmpty();
    }

    @Test
    void recordsAClassDataArchiveOncePerBuildAndStartsWithIt() throws Exception {
        fakeJavaThatArchives();
        buildJar();
        String archive = repo.toRealPath().resolve("broker/target/iotcore-local.jsa").toString();

        launch(repo, "--help");
        launch(repo, "--help");

        List<String> calls = javaCalls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).contains("-XX:ArchiveClassesAtExit=" + archive, "--exit-when-started",
                "--mqtts-port 0 --mqtt-port 0 --api-port 0");
        assertThat(calls.get(1)).doesNotContain("ArchiveClassesAtExit");
        assertThat(javaArgs()).containsExactly("-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-jar",
                repo.toRealPath().resolve("broker/target/iotcore-local.jar").toString(), "--help");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // a new build
        launch(repo, "--help");
        assertThat(javaCalls()).hasSize(5);
        assertThat(javaCalls().get(3)).contains("-XX:ArchiveClassesAtExit=" + archive);
    }

    @Test
    void aFailedRecordingOrIotcoreCdsOffStartsWithoutAnArchive() throws Exception {
        buildJar();
        launch(repo, "--help"); // the plain fake java records nothing

        assertThat(javaArgs()).containsExactly("-XX:+UseSerialGC", "-jar",
                repo.toRealPath().resolve("broker/target/iotcore-local.jar").toString(), "--help");

        fakeJavaThatArchives();
        launch(repo, repo.resolve("iotcore-local").toString(), List.of("--help"),
                Map.of("PATH", bin + ":" + System.getenv("PATH"), "IOTCORE_CDS", "off"));
        assertThat(javaCalls()).hasSize(1);
        assertThat(javaArgs()).doesNotContain("-Xlog:cds=off");
    }

    @Test
    void failedBuildStartsNothing() throws Exception {
        fake("mvn", "echo '[ERROR] COMPILATION ERROR' >&2; exit 1\n");

        Run run = launch(repo);

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("[ERROR] COMPILATION ERROR", "iotcore-local: the build failed");
        assertThat(temp.resolve("java.args")).doesNotExist();
    }

    @Test
    void missingMavenOrJavaIsOneClearLine() throws Exception {
        Path tools = toolsWithout("mvn", "java");

        String script = repo.resolve("iotcore-local").toString();
        Run noMaven = launch(repo, script, List.of(), Map.of("PATH", tools + ":" + onlyJava()));
        Run noJava = launch(repo, script, List.of(), Map.of("PATH", tools.toString()));
        Run badJavaHome = launch(repo, script, List.of(),
                Map.of("PATH", tools.toString(), "JAVA_HOME", temp.resolve("no-jdk").toString()));

        assertThat(noMaven.exitCode).isEqualTo(2);
        assertThat(noMaven.err.strip()).startsWith("iotcore-local: mvn not found: install Maven").doesNotContain("\n");
        assertThat(noJava.exitCode).isEqualTo(2);
        assertThat(noJava.err.strip()).isEqualTo("iotcore-local: java not found: install a JDK 17 or newer (or set JAVA_HOME)");
        assertThat(badJavaHome.exitCode).isEqualTo(2);
        assertThat(badJavaHome.err).contains("JAVA_HOME is " + temp.resolve("no-jdk"));
        assertThat(temp.resolve("java.args")).doesNotExist();
    }

    private void buildJar() throws IOException {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(JAR_TIME));
        Files.setLastModifiedTime(jar.getParent(), time(-60));
    }

    private static FileTime time(long secondsFromJar) {
        return FileTime.from(JAR_TIME.plusSeconds(secondsFromJar));
    }

    private void fake(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        assertThat(file.toFile().setExecutable(true)).isTrue();
    }

    /** A folder with just the tools the script needs, so java and mvn can be absent from PATH. */
    private Path toolsWithout(String... absent) throws Exception {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("bash", "dirname", "readlink", "find")) {
            Path wrapper = tools.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + which(tool) + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        for (String name : absent) {
            assertThat(tools.resolve(name)).doesNotExist();
        }
        return tools;
    }

    /** A folder holding only the fake java. */
    private Path onlyJava() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("only-java"));
        Files.createSymbolicLink(dir.resolve("java"), bin.resolve("java"));
        return dir;
    }

    private static String which(String tool) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(path).as("%s on this machine", tool).startsWith("/");
        return path;
    }

    private Run launch(Path workingDir, String... args) throws Exception {
        return launch(workingDir, repo.resolve("iotcore-local").toString(), List.of(args));
    }

    private Run launch(Path workingDir, String command, List<String> args) throws Exception {
        return launch(workingDir, command, args, Map.of("PATH", bin + ":" + System.getenv("PATH")));
    }

    private Run launch(Path workingDir, String command, List<String> args, Map<String, String> env) throws Exception {
        List<String> commandLine = new java.util.ArrayList<>(List.of(command));
        commandLine.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workingDir.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
    }

    private List<String> mvnCalls() throws IOException {
        Path calls = temp.resolve("mvn.calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** A java that creates the archive it is asked to record, and logs every call on one line. */
    private void fakeJavaThatArchives() throws IOException {
        fake("java", "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) : > \"${a#*=}\";; esac; done\n"
                + "echo \"$*\" >> '" + temp.resolve("java.calls") + "'\n"
                + "printf '%s\\n' \"$@\" > '" + temp.resolve("java.args") + "'\n");
    }

    private List<String> javaCalls() throws IOException {
        return Files.readAllLines(temp.resolve("java.calls"));
    }

    private List<String> javaArgs() throws IOException {
        return Files.readAllLines(temp.resolve("java.args"));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
