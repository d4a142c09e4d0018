package io.juxta.magics.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Where {@code %maven} looks: the local repository and the remote ones, as Maven would, from
 * {@code ~/.m2/settings.xml} (local repository, offline, a mirror of central) and Maven's own
 * super POM (the central repository's address).
 */
public record MavenSettings(Path localRepository, boolean offline, List<Remote> remotes) {
    /** A remote repository. */
    public record Remote(String id, String url) {
    }

    private static final String SUPER_POM = "org/apache/maven/model/pom-4.0.0.xml";
    private static final Pattern FIRST_REPOSITORY_URL = Pattern.compile("<repositories>.*?<url>\\s*(.*?)\\s*</url>", Pattern.DOTALL);

    /** The user's settings: {@code ~/.m2/settings.xml} when it exists, else Maven's defaults. */
    public static MavenSettings forUser() {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        return read(m2.resolve("settings.xml"), m2.resolve("repository"), centralUrl());
    }

    static MavenSettings read(Path settingsFile, Path defaultLocal, String centralUrl) {
        Path local = defaultLocal;
        boolean offline = false;
        String central = centralUrl;
        if (Files.isRegularFile(settingsFile)) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setExpandEntityReferences(false);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document document = factory.newDocumentBuilder().parse(settingsFile.toFile());
                Element root = document.getDocumentElement();
                String localText = childText(root, "localRepository");
                if (localText != null && !localText.isBlank()) {
                    local = Path.of(localText.strip().replace("${user.home}", System.getProperty("user.home")));
                }
                offline = "true".equalsIgnoreCase(String.valueOf(childText(root, "offline")).strip());
                NodeList mirrors = root.getElementsByTagName("mirror");
                for (int i = 0; i < mirrors.getLength(); i++) {
                    Element mirror = (Element) mirrors.item(i);
                    String of = String.valueOf(childText(mirror, "mirrorOf"));
                    String url = childText(mirror, "url");
                    if (url != null && (of.contains("*") || of.contains("central"))) {
                        central = url.strip();
                        break;
                    }
                }
            } catch (Exception e) {
                // an unreadable settings.xml: fall back to the defaults rather than failing every %maven
            }
        }
        List<Remote> remotes = new ArrayList<>();
        if (central != null) {
            remotes.add(new Remote("central", central));
        }
        return new MavenSettings(local, offline, List.copyOf(remotes));
    }

    /** The central repository's address, as Maven's super POM declares it; null if that POM is missing. */
    static String centralUrl() {
        try (InputStream in = MavenSettings.class.getClassLoader().getResourceAsStream(SUPER_POM)) {
            if (in == null) {
                return null;
            }
            Matcher url = FIRST_REPOSITORY_URL.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return url.find() ? url.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    public MavenSettings withRemote(Remote remote) {
        List<Remote> more = new ArrayList<>(remotes);
        more.add(remote);
        return new MavenSettings(localRepository, offline, List.copyOf(more));
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : children.item(0).getTextContent();
    }
}
