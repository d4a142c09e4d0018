package io.juxta.magics.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenSettingsTest {
    @TempDir
    Path dir;

    @Test
    void centralComesFromMavensSuperPom() {
        String central = MavenSettings.centralUrl();
        assertNotNull(central);
        assertTrue(central.startsWith("https://") && central.endsWith("/maven2"), central);
    }

    @Test
    void settingsXmlGivesLocalRepositoryOfflineAndAMirrorOfCentral() throws IOException {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("repo") + "</localRepository><offline>true</offline>"
                + "<mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>https://mirror.invalid/maven</url></mirror></mirrors></settings>");
        MavenSettings read = MavenSettings.read(settings, dir.resolve("default"), "https://central.invalid/maven2");
        assertEquals(dir.resolve("repo"), read.localRepository());
        assertTrue(read.offline());
        assertEquals(List.of(new MavenSettings.Remote("central", "https://mirror.invalid/maven")), read.remotes());
    }

    @Test
    void withoutSettingsXmlTheDefaultsHold() {
        MavenSettings read = MavenSettings.read(dir.resolve("absent.xml"), dir.resolve("default"), "https://central.invalid/maven2");
        assertEquals(dir.resolve("default"), read.localRepository());
        assertEquals(List.of(new MavenSettings.Remote("central", "https://central.invalid/maven2")), read.remotes());
    }
}
