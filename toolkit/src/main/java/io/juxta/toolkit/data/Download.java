package io.juxta.toolkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Fetches dataset files over HTTP into a folder; a file appears only once it is complete.
 * Uses a plain connection, not java.net.http.HttpClient: the client's threads would belong to
 * the cell's thread group, whose threads JShell's local engine joins before the cell ends.
 */
final class Download {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private Download() {}

    static void files(URI base, List<String> names, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : names) {
            Path target = dir.resolve(name);
            if (Files.isRegularFile(target)) {
                continue;
            }
            URI source = base.resolve(name);
            Path partial = Files.createTempFile(dir, name, ".part");
            try {
                HttpURLConnection connection = (HttpURLConnection) source.toURL().openConnection();
                connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
                connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
                connection.setInstanceFollowRedirects(true);
                // no keep-alive: nothing outlives the download
                connection.setRequestProperty("Connection", "close");
                try {
                    int status = connection.getResponseCode();
                    if (status != HttpURLConnection.HTTP_OK) {
                        throw new IOException(source + " answered HTTP " + status);
                    }
                    try (InputStream body = connection.getInputStream()) {
                        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    connection.disconnect();
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
