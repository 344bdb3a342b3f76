package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client of the OCI distribution API on {@code java.net.http}: no Docker engine involved. It answers
 * authentication challenges (Basic, and the Bearer token flow) with the credentials of each host and
 * never puts a credential or token into a message.
 */
public class RegistryClient {
    /** The manifest media types we accept, most specific first. */
    public static final String MANIFEST_ACCEPT = String.join(", ",
            MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    private final HttpClient http;
    private final Function<String, RegistryEndpoint> endpoints;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private final RegistryAuthenticator authenticator;

    /**
     * @param endpoints   how to reach each host (scheme, CA)
     * @param credentials the credentials for each host, if any
     */
    public RegistryClient(Function<String, RegistryEndpoint> endpoints,
                          Function<String, Optional<RegistryCredentials>> credentials) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.authenticator = new RegistryAuthenticator(http);
    }

    /** Anonymous access, loopback over HTTP: what the local defaults need. */
    public static RegistryClient anonymous() {
        return new RegistryClient(RegistryEndpoint::defaultFor, host -> Optional.empty());
    }

    public RegistryEndpoint endpoint(String host) {
        return endpoints.apply(host);
    }

    /** Checks that {@code /v2/} answers and that our credentials (if any) are accepted. */
    public void ping(String host) {
        send(host, "repository:ping:pull", HttpRequest.newBuilder(endpoint(host).baseUri()).GET(),
                HttpResponse.BodyHandlers.discarding(), "ping");
    }

    /**
     * Resolves a reference to the digest of the manifest it points at now. A HEAD request first; when
     * the registry gives no {@code Docker-Content-Digest}, a GET, whose bytes are hashed.
     */
    public Digest resolve(ImageRef ref) {
        String reference = ref.digest().map(Digest::toString).orElse(ref.tagOrLatest());
        URI uri = manifestUri(ref, reference);
        var head = send(ref.registry(), pullScope(ref),
                HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", MANIFEST_ACCEPT),
                HttpResponse.BodyHandlers.discarding(), "resolve " + ref);
        Optional<String> header = head.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent()) {
            return Digest.parse(header.get());
        }
        return getManifest(ref).digest();
    }

    /** Fetches a manifest and verifies its digest against the bytes received. */
    public Manifest getManifest(ImageRef ref) {
        String reference = ref.digest().map(Digest::toString).orElse(ref.tagOrLatest());
        var response = send(ref.registry(), pullScope(ref),
                HttpRequest.newBuilder(manifestUri(ref, reference)).GET().header("Accept", MANIFEST_ACCEPT),
                HttpResponse.BodyHandlers.ofByteArray(), "fetch manifest " + ref);
        byte[] body = response.body();
        Digest computed = Digest.sha256(body);
        Optional<String> announced = response.headers().firstValue("Docker-Content-Digest");
        if (announced.isPresent() && !Digest.parse(announced.get()).equals(computed)) {
            throw new OperationFailedException("Registry " + ref.registry() + " sent a manifest for " + ref
                    + " whose bytes hash to " + computed + " but announced " + announced.get());
        }
        if (ref.digest().isPresent() && !ref.digest().get().equals(computed)) {
            throw new OperationFailedException("Manifest fetched for " + ref + " hashes to " + computed);
        }
        String mediaType = response.headers().firstValue("Content-Type").orElse("");
        return new Manifest(computed, mediaType, body);
    }

    URI manifestUri(ImageRef ref, String reference) {
        return endpoint(ref.registry()).baseUri().resolve(ref.repository() + "/manifests/" + reference);
    }

    static String pullScope(ImageRef ref) {
        return "repository:" + ref.repository() + ":pull";
    }

    /**
     * Sends a request, answering one authentication challenge if the registry asks for it.
     * 404 becomes {@link NotFoundException}; a connection failure {@link UnavailableException}.
     */
    protected <T> HttpResponse<T> send(String host, String scope, HttpRequest.Builder request,
                                       HttpResponse.BodyHandler<T> handler, String what) {
        try {
            request.timeout(Duration.ofMinutes(5));
            Optional<String> auth = authenticator.cachedAuthorization(host, scope);
            auth.ifPresent(value -> request.setHeader("Authorization", value));
            HttpResponse<T> response = http.send(request.build(), handler);
            if (response.statusCode() == 401) {
                Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
                if (challenge.isPresent()) {
                    String authorization = authenticator.answer(host, scope, challenge.get(), credentials.apply(host));
                    request.setHeader("Authorization", authorization);
                    response = http.send(request.build(), handler);
                }
            }
            return check(host, response, what);
        } catch (IOException e) {
            throw new UnavailableException("Registry " + host + " is not reachable at "
                    + endpoint(host).baseUri() + " (" + describe(e) + ") while trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while trying to " + what, e);
        }
    }

    private static <T> HttpResponse<T> check(String host, HttpResponse<T> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        if (status == 401 || status == 403) {
            throw new OperationFailedException("Registry " + host + " refused to " + what + " (HTTP " + status
                    + "): check the credentials for " + host);
        }
        if (status == 404) {
            throw new NotFoundException("Registry " + host + " has nothing for " + what.replaceFirst("^\\w+ ", "")
                    + " (HTTP 404)");
        }
        throw new OperationFailedException("Registry " + host + " answered HTTP " + status + " when asked to " + what);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
