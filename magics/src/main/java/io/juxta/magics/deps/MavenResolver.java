package io.juxta.magics.deps;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies (Maven's nearest-wins rules) to
 * jars in the local repository, downloading what is missing unless offline.
 */
public final class MavenResolver {
    /** One resolved jar and the coordinate the user asked for that pulled it in. */
    public record Resolved(Coordinates coordinates, Path file, String requestedBy) {
    }

    /** The outcome: the jars, and whether the network was unreachable so the local repository alone was used. */
    public record Resolution(List<Resolved> artifacts, boolean fellBackToOffline) {
    }

    private final MavenSettings settings;
    private RepositorySystem system;

    public MavenResolver(MavenSettings settings) {
        this.settings = settings;
    }

    public MavenSettings settings() {
        return settings;
    }

    /** Checks a coordinate's form: {@code group:artifact[:extension[:classifier]]:version}. */
    public static Artifact parseCoordinate(String text) {
        String[] parts = text.split(":", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException(text);
            }
        }
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException(text);
        }
        return new DefaultArtifact(text);
    }

    /**
     * Resolves the coordinates together. Online unless {@code offline} or the settings say so;
     * when the network is unreachable, tries again from the local repository alone.
     */
    public Resolution resolve(List<String> coordinates, boolean offline) throws DependencyResolutionException {
        boolean startOffline = offline || settings.offline();
        try {
            return new Resolution(resolveOnce(coordinates, startOffline), false);
        } catch (DependencyResolutionException e) {
            if (startOffline || !isNetworkFailure(e)) {
                throw e;
            }
            return new Resolution(resolveOnce(coordinates, true), true);
        }
    }

    private List<Resolved> resolveOnce(List<String> coordinates, boolean offline) throws DependencyResolutionException {
        RepositorySystem repositorySystem = system();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(repositorySystem.newLocalRepositoryManager(session, new LocalRepository(settings.localRepository().toFile())));
        session.setOffline(offline);
        // the worker is no build: do not let a stray system property change resolution
        session.setSystemProperties(Map.of("java.version", System.getProperty("java.version")));

        List<RemoteRepository> remotes = new ArrayList<>();
        for (MavenSettings.Remote remote : settings.remotes()) {
            remotes.add(new RemoteRepository.Builder(remote.id(), "default", remote.url()).build());
        }
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            collect.addDependency(new Dependency(parseCoordinate(coordinate), JavaScopes.RUNTIME));
        }
        collect.setRepositories(remotes);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        DependencyResult result = repositorySystem.resolveDependencies(session, request);

        Map<Artifact, String> requestedBy = new LinkedHashMap<>();
        for (DependencyNode top : result.getRoot().getChildren()) {
            String asked = top.getArtifact().toString();
            markRequestedBy(top, asked, requestedBy);
        }
        List<Resolved> resolved = new ArrayList<>();
        for (ArtifactResult artifactResult : result.getArtifactResults()) {
            Artifact artifact = artifactResult.getArtifact();
            if (artifact == null || artifact.getFile() == null) {
                continue;
            }
            Coordinates coordinatesOf = new Coordinates(artifact.getGroupId(), artifact.getArtifactId(), artifact.getBaseVersion());
            String by = requestedBy.entrySet().stream()
                    .filter(e -> sameArtifact(e.getKey(), artifact))
                    .map(Map.Entry::getValue).findFirst().orElse(coordinatesOf.toString());
            resolved.add(new Resolved(coordinatesOf, artifact.getFile().toPath(), by));
        }
        return resolved;
    }

    private static void markRequestedBy(DependencyNode node, String asked, Map<Artifact, String> requestedBy) {
        if (node.getArtifact() != null) {
            requestedBy.putIfAbsent(node.getArtifact(), asked);
        }
        for (DependencyNode child : node.getChildren()) {
            markRequestedBy(child, asked, requestedBy);
        }
    }

    private static boolean sameArtifact(Artifact a, Artifact b) {
        return a.getGroupId().equals(b.getGroupId()) && a.getArtifactId().equals(b.getArtifactId())
                && a.getBaseVersion().equals(b.getBaseVersion()) && a.getClassifier().equals(b.getClassifier());
    }

    static boolean isNetworkFailure(DependencyResolutionException error) {
        List<Throwable> failures = new ArrayList<>();
        failures.add(error);
        if (error.getResult() != null) {
            failures.addAll(error.getResult().getCollectExceptions());
            if (error.getResult().getArtifactResults() != null) {
                error.getResult().getArtifactResults().forEach(r -> failures.addAll(r.getExceptions()));
            }
        }
        if (error.getCause() instanceof org.eclipse.aether.resolution.ArtifactResolutionException artifacts) {
            artifacts.getResults().forEach(r -> failures.addAll(r.getExceptions()));
        }
        return failures.stream().anyMatch(MavenResolver::causedByNetwork);
    }

    private static boolean causedByNetwork(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (causedByNetwork(suppressed)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}
