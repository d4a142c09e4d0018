package io.juxta.toolkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** Fetches dataset files over HTTP into a folder; a file appears only once it is complete. */
final class Download {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private Download() {}

    static void files(URI base, List<String> names, Path dir) throws IOException {
        Files.createDirectories(dir);
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String name : names) {
            Path target = dir.resolve(name);
            if (Files.isRegularFile(target)) {
                continue;
            }
            URI source = base.resolve(name);
            HttpRequest request = HttpRequest.newBuilder(source).timeout(READ_TIMEOUT).GET().build();
            Path partial = Files.createTempFile(dir, name, ".part");
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException(source + " answered HTTP " + response.statusCode());
                    }
                    Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + source + " interrupted", e);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
