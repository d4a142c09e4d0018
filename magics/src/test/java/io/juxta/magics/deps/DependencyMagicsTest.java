package io.juxta.magics.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.magics.MagicsHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyMagicsTest {
    @TempDir
    Path dir;

    private FakeMavenRepository repository;
    private MagicsHarness magics;

    @BeforeEach
    void repository() throws IOException {
        repository = new FakeMavenRepository(dir);
        repository.install("org.example", "beta", "2.0", "org.example.beta.Beta", "beta two");
        repository.install("org.example", "alpha", "1.0", "org.example.alpha.Alpha", "alpha one", "org.example:beta:2.0");
        repository.install("org.example", "gamma", "3.0", "org.example.gamma.Gamma", "gamma three", "org.example:beta:2.0");
    }

    @AfterEach
    void close() {
        if (magics != null) {
            magics.close();
        }
    }

    private MagicsHarness magics(String classPath) {
        magics = new MagicsHarness(new ClasspathInventory(classPath), repository.root);
        return magics;
    }

    @Test
    void resolvesTransitivelyFromTheLocalRepositoryAndTheClassesLoad() throws CellError {
        magics("");
        magics.run("%maven --offline org.example:alpha:1.0");
        assertEquals(List.of("alpha-1.0.jar", "beta-2.0.jar"), FakeMavenRepository.fileNames(magics.session.classpath));
        assertEquals("Added 2 jars: alpha-1.0.jar, beta-2.0.jar\n", magics.session.stdout());
        assertEquals("beta two", magics.run("org.example.beta.Beta.hello()"));
    }

    @Test
    void severalCoordinatesAtOnceShareTheirDependencies() throws CellError {
        magics("");
        magics.run("%maven --offline org.example:alpha:1.0 org.example:gamma:3.0");
        assertEquals(List.of("alpha-1.0.jar", "beta-2.0.jar", "gamma-3.0.jar"), FakeMavenRepository.fileNames(magics.session.classpath));
    }

    @Test
    void whatIsAlreadyThereIsNotAddedAgain() throws CellError {
        magics("");
        magics.run("%maven --offline org.example:alpha:1.0");
        magics.run("%maven --offline org.example:gamma:3.0");
        assertEquals(3, magics.session.classpath.size());
        assertTrue(magics.session.stdout().endsWith("Added 1 jar: gamma-3.0.jar (1 already on the class path)\n"), magics.session.stdout());
    }

    @Test
    void anotherVersionOnTheClassPathIsAConflictNotASilentDowngrade() throws IOException, CellError {
        Path oldBeta = repository.install("org.example", "beta", "1.0", "org.example.beta.Beta", "beta one");
        magics(oldBeta.toString());
        CellError error = magics.fails("%maven --offline org.example:alpha:1.0");
        assertEquals("DependencyConflict", error.ename());
        assertEquals("  org.example:beta: 2.0 wanted (by org.example:alpha:jar:1.0), 1.0 already on the class path (beta-1.0.jar)",
                error.traceback().get(1));
        assertTrue(magics.session.classpath.isEmpty(), "nothing is added when there is a conflict");

        magics.run("%maven --offline --allow-conflicts org.example:alpha:1.0");
        assertEquals(List.of("alpha-1.0.jar"), FakeMavenRepository.fileNames(magics.session.classpath));
        assertTrue(magics.session.stdout().contains("Kept the versions already on the class path for:"));
    }

    @Test
    void missingArtifactsAndBadCoordinatesAreClearErrors() {
        magics("");
        CellError missing = magics.fails("%maven --offline org.example:nothing:9.9");
        assertEquals("DependencyError", missing.ename());
        assertTrue(missing.evalue().startsWith("could not resolve org.example:nothing:9.9: "), missing.evalue());
        assertTrue(missing.evalue().contains("org.example:nothing:jar:9.9"), missing.evalue());
        assertEquals("%maven: 'guava' is not a Maven coordinate: write group:artifact:version, for example "
                + "org.apache.commons:commons-text:1.13.0", magics.fails("%maven guava").evalue());
    }

    @Test
    void anUnreachableRemoteFallsBackToTheLocalRepository() throws Exception {
        MavenSettings settings = new MavenSettings(repository.root, false, List.of(new MavenSettings.Remote("central", "http://127.0.0.1:9/maven2")));
        MavenResolver resolver = new MavenResolver(settings);
        MavenResolver.Resolution resolution = resolver.resolve(List.of("org.example:alpha:1.0"), false);
        assertEquals(2, resolution.artifacts().size());
        org.eclipse.aether.resolution.DependencyResolutionException missing = org.junit.jupiter.api.Assertions.assertThrows(
                org.eclipse.aether.resolution.DependencyResolutionException.class,
                () -> resolver.resolve(List.of("org.example:absent:1.0"), false));
        assertTrue(missing.getMessage().contains("offline"), missing.getMessage());
    }

    @Test
    void classpathTakesPathsAndGlobsAndListsWhatWasAdded() throws IOException, CellError {
        magics("");
        Path lib = Files.createDirectories(dir.resolve("lib/sub"));
        FakeMavenRepository.writeJar(dir.resolve("lib/one.jar"), "demo.one.One", "one");
        FakeMavenRepository.writeJar(lib.resolve("two.jar"), "demo.two.Two", "two");
        magics.run("%classpath " + dir + "/lib/*.jar");
        assertEquals(List.of("one.jar"), FakeMavenRepository.fileNames(magics.session.classpath));
        magics.run("%classpath " + dir + "/lib/**.jar");
        assertEquals(List.of("one.jar", "two.jar"), FakeMavenRepository.fileNames(magics.session.classpath));
        assertEquals("two", magics.run("demo.two.Two.hello()"));
        magics.run("%classpath");
        assertTrue(magics.session.stdout().contains(dir.resolve("lib/sub/two.jar").toString()), magics.session.stdout());
        assertEquals("%classpath: nothing matches " + dir + "/nope/*.jar (working directory: " + Path.of("").toAbsolutePath() + ")",
                magics.fails("%classpath " + dir + "/nope/*.jar").evalue());
        Files.writeString(dir.resolve("lib/README.txt"), "a glob skips what is not a jar, as java -cp lib/* does");
        magics.run("%classpath " + dir + "/lib/*");
        assertEquals(List.of("one.jar", "two.jar", "sub"), FakeMavenRepository.fileNames(magics.session.classpath),
                "the jar and the folder lib/* matches, not the README");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not classes");
        assertEquals("%classpath: " + text + " is neither a jar nor a directory of classes: the class path takes .jar (or .zip)"
                + " files and directories", magics.fails("%classpath " + text).evalue());
        assertTrue(magics.fails("%classpath ''").evalue().startsWith("%classpath: an empty path"));
        assertEquals(List.of("one.jar", "two.jar", "sub"), FakeMavenRepository.fileNames(magics.session.classpath), "nothing added");
    }

    @Test
    void loadRunsAJavaFileLikeACell() throws IOException, CellError {
        magics("");
        Path file = dir.resolve("Triple.java");
        Files.writeString(file, "package demo;\n\nint triple(int x) { return 3 * x; }\n%env FROM_LOAD=yes\ntriple(5)\n");
        assertEquals(15, magics.run("%load " + file));
        assertEquals("yes", magics.environment.get("FROM_LOAD"));
        assertEquals("%load: no file " + dir.resolve("absent.jsh") + " (working directory: " + Path.of("").toAbsolutePath() + ")",
                magics.fails("%load " + dir.resolve("absent.jsh")).evalue());
        Path first = dir.resolve("first.jsh");
        Path second = dir.resolve("second.jsh");
        Files.writeString(first, "int fromFirst = 1;\n%load " + second + "\n");
        Files.writeString(second, "%load " + first + "\n");
        assertEquals("%load: " + first + " loads itself (through first.jsh -> second.jsh): remove the %load line that starts"
                + " the loop", magics.fails("%load " + first).evalue());
        assertEquals(15, magics.run("%load " + file), "a failed load leaves nothing behind");
    }

    @Test
    void loadDropsOnlyAPackageDeclarationThatComesBeforeTheCode() throws IOException, CellError {
        magics("");
        Path textBlock = dir.resolve("Template.java");
        Files.writeString(textBlock, "// no package here\nString template = \"\"\"\n    package generated;\n    \"\"\";\ntemplate.strip()\n");
        assertEquals("package generated;", magics.run("%load " + textBlock), "a line inside a text block is code, not a declaration");
        Path licensed = dir.resolve("Licensed.java");
        Files.writeString(licensed, "/*\n * License text\n */\n// about\npackage org.example.demo;\n\nint licensed() { return 7; }\nlicensed()\n");
        assertEquals(7, magics.run("%load " + licensed));
        assertEquals("/* c */\n\n\nint x;", DependencyMagics.withoutPackage("/* c */\npackage a.b\n  ;\nint x;"), "line breaks are kept");
        assertEquals("int x;\npackage a;", DependencyMagics.withoutPackage("int x;\npackage a;"));
    }

    @Test
    void inventoryIdentifiesJarsByMetadataOrRepositoryLayout() throws IOException {
        Path jar = repository.install("org.example.deep", "delta", "4.1", "org.example.deep.Delta", "delta");
        assertEquals(new Coordinates("org.example.deep", "delta", "4.1"), ClasspathInventory.identify(jar).orElseThrow());
        Path loose = dir.resolve("loose.jar");
        FakeMavenRepository.writeJar(loose, "demo.Loose", "x");
        assertTrue(ClasspathInventory.identify(loose).isEmpty());
    }
}
