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
    private final ListedRegistries reachable;
    private final java.util.Map<java.nio.file.Path, HttpClient> clientsByCa = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile RegistryTraffic traffic = RegistryTraffic.defaults();
    /** Registries that answered the referrers API with 404: asked once per client, not on every promotion. */
    private final java.util.Set<String> withoutReferrersApi = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param endpoints   how to reach each host (scheme, CA)
     * @param credentials the credentials for each host, if any
     */
    public RegistryClient(Function<String, RegistryEndpoint> endpoints,
                          Function<String, Optional<RegistryCredentials>> credentials) {
        this(endpoints, credentials, ListedRegistries.any());
    }

    /**
     * @param reachable the only hosts this client sends anything to (a controller's configured registries)
     */
    public RegistryClient(Function<String, RegistryEndpoint> endpoints,
                          Function<String, Optional<RegistryCredentials>> credentials, ListedRegistries reachable) {
        this.http = httpClient(null);
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.reachable = reachable;
        // a token realm's redirect could lead anywhere: the realm's host is checked, its redirects are not followed
        this.authenticator = new RegistryAuthenticator(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private static HttpClient httpClient(java.nio.file.Path caFile) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (caFile != null) {
            builder.sslContext(TrustedCa.sslContext(caFile));
        }
        return builder.build();
    }

    /** The JVM's trust store, or only the registry's CA file when it has one. */
    private HttpClient clientFor(String host) {
        java.nio.file.Path ca = endpoint(host).caFile();
        return ca == null ? http : clientsByCa.computeIfAbsent(ca, RegistryClient::httpClient);
    }

    /** Anonymous access, loopback over HTTP: what the local defaults need. */
    public static RegistryClient anonymous() {
        return new RegistryClient(RegistryEndpoint::defaultFor, host -> Optional.empty());
    }

    /** This client, sending within {@code traffic}'s bounds per registry (the configuration's {@code maxConnections}). */
    public RegistryClient withTraffic(RegistryTraffic traffic) {
        this.traffic = traffic;
        return this;
    }

    public RegistryTraffic traffic() {
        return traffic;
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

    /**
     * The referrers API's index of artifacts whose subject is {@code digest}.
     *
     * @throws NotFoundException when the registry has no referrers API (distribution 2.8 has none)
     */
    public byte[] getReferrers(ImageRef repo, Digest digest) {
        if (withoutReferrersApi.contains(repo.registry())) {
            throw new NotFoundException("Registry " + repo.registry() + " has no referrers API");
        }
        URI uri = endpoint(repo.registry()).baseUri().resolve(repo.repository() + "/referrers/" + digest);
        var response = send(repo.registry(), pullScope(repo), HttpRequest.newBuilder(uri).GET().header("Accept", MediaTypes.OCI_INDEX),
                HttpResponse.BodyHandlers.ofByteArray(), "list referrers of " + digest, true);
        if (response.statusCode() == 404) {
            // the API's own 404s (an unknown repository) come as distribution's JSON errors; a route the registry
            // does not have is a plain "404 page not found": only that one is remembered for this registry
            boolean apiError = response.headers().firstValue("Content-Type").orElse("").contains("json");
            if (!apiError) {
                withoutReferrersApi.add(repo.registry());
            }
            throw new NotFoundException("Registry " + repo.registry() + " has " + (apiError ? "nothing for the referrers of " + digest
                    : "no referrers API") + " (HTTP 404)");
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith(MediaTypes.OCI_INDEX)) {
            withoutReferrersApi.add(repo.registry());
            throw new NotFoundException("Registry " + repo.registry() + " has no referrers API");
        }
        return response.body();
    }

    /** Whether the repository of {@code repo} holds the blob (HEAD). */
    public boolean hasBlob(ImageRef repo, Digest digest) {
        try {
            send(repo.registry(), pullScope(repo), HttpRequest.newBuilder(blobUri(repo, digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(),
                    "check blob " + digest + " in " + repo.name());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Opens a blob for streaming; the caller closes the stream. */
    public java.io.InputStream openBlob(ImageRef repo, Digest digest) {
        return send(repo.registry(), pullScope(repo), HttpRequest.newBuilder(blobUri(repo, digest)).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), "read blob " + digest + " of " + repo.name()).body();
    }

    public byte[] readBlob(ImageRef repo, Digest digest) {
        byte[] bytes = send(repo.registry(), pullScope(repo), HttpRequest.newBuilder(blobUri(repo, digest)).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), "read blob " + digest + " of " + repo.name()).body();
        Digest got = Digest.sha256(bytes);
        if (!got.equals(digest)) {
            throw new OperationFailedException("Blob " + digest + " read from " + repo.name() + " does not match its digest: its bytes hash to " + got);
        }
        return bytes;
    }

    /**
     * Asks the registry to mount a blob from another repository of the same registry.
     *
     * @return true when mounted; false when the registry refused (it then opened an upload, which is cancelled)
     */
    public boolean mountBlob(ImageRef target, Digest digest, ImageRef from) {
        URI uri = endpoint(target.registry()).baseUri().resolve(target.repository() + "/blobs/uploads/?mount="
                + digest + "&from=" + from.repository());
        var response = send(target.registry(), pushScope(target) + " " + pullScope(from),
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(),
                "mount blob " + digest + " into " + target.name());
        if (response.statusCode() == 201) {
            return true;
        }
        response.headers().firstValue("Location").ifPresent(location -> cancelUpload(target, location));
        return false;
    }

    /** Uploads a blob in one monolithic PUT, streamed from {@code content}; the registry checks the digest. */
    public void uploadBlob(ImageRef target, Digest digest, long size, java.util.function.Supplier<java.io.InputStream> content) {
        URI start = endpoint(target.registry()).baseUri().resolve(target.repository() + "/blobs/uploads/");
        var opened = send(target.registry(), pushScope(target), HttpRequest.newBuilder(start).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding(), "start upload of blob " + digest + " to " + target.name());
        URI location = uploadLocation(target, opened.headers().firstValue("Location").orElseThrow(() ->
                new OperationFailedException("Registry " + target.registry() + " opened an upload without a Location")));
        URI put = URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
        // what was streamed is hashed on the way: when the registry refuses the blob, the message can say whether the
        // source's bytes are not what their digest names (a layer changed in the source registry's storage)
        java.util.concurrent.atomic.AtomicReference<HashingStream> streamed = new java.util.concurrent.atomic.AtomicReference<>();
        // a source that cannot even be opened (its registry down) fails inside the HTTP client, which would report the
        // target as unreachable: its own failure is kept and reported instead
        java.util.concurrent.atomic.AtomicReference<RuntimeException> unopened = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Supplier<java.io.InputStream> hashed = () -> {
            try {
                HashingStream stream = new HashingStream(content.get());
                streamed.set(stream);
                return stream;
            } catch (RuntimeException e) {
                unopened.set(e);
                throw e;
            }
        };
        try {
            send(target.registry(), pushScope(target), HttpRequest.newBuilder(put)
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(hashed), size)),
                    HttpResponse.BodyHandlers.discarding(), "upload blob " + digest + " to " + target.name());
        } catch (io.jenkins.plugins.imagelifecycle.model.LifecycleException refused) {
            // the upload the registry opened holds what arrived; it would wait there for the registry's purge of old uploads.
            // Distribution refuses to cancel one that holds data (its upload state still names offset 0): then it waits.
            boolean cancelled = cancelUpload(target, location.toString());
            if (unopened.get() != null) {
                throw unopened.get();
            }
            HashingStream stream = streamed.get();
            if (stream != null && stream.failure().isPresent()) {
                // the upload broke because its source stopped sending (a source registry gone mid-layer), not the target
                throw new UnavailableException("Blob " + digest + " stopped arriving from its source after " + stream.bytesRead() + " of "
                        + size + " bytes (" + io.jenkins.plugins.imagelifecycle.support.Messages.firstLine(stream.failure().get().toString(), "")
                        + "); " + (cancelled ? "the upload to " + target.registry() + " was cancelled"
                                : target.registry() + " keeps what arrived as an unfinished upload, not a blob, until it purges old uploads"),
                        refused);
            }
            if (stream != null && stream.digest().filter(got -> !got.equals(digest)).isPresent()) {
                throw new OperationFailedException("Blob " + digest + " read from its source hashes to " + stream.digest().get()
                        + ": the source's bytes are not what their digest names, and " + target.registry() + " refused them", refused);
            }
            throw refused;
        }
    }

    /** Puts a manifest's exact bytes under {@code reference} (a tag or its digest) and returns the digest the registry reports. */
    public Digest putManifest(ImageRef repo, String reference, String mediaType, byte[] bytes) {
        String what = "put manifest " + repo.name() + ":" + reference;
        var response = send(repo.registry(), pushScope(repo), HttpRequest.newBuilder(manifestUri(repo, reference))
                        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                HttpResponse.BodyHandlers.ofString(), what, status -> status == 400);
        if (response.statusCode() == 400) {
            if (response.body().contains("MANIFEST_BLOB_UNKNOWN")) {
                throw new ManifestBlobUnknownException("Registry " + repo.registry() + " refused to " + what
                        + ": a blob it names is unknown there (HTTP 400 MANIFEST_BLOB_UNKNOWN)");
            }
            check(repo.registry(), response, what);
        }
        Digest sent = Digest.sha256(bytes);
        Digest reported = response.headers().firstValue("Docker-Content-Digest").map(Digest::parse).orElse(sent);
        if (!reported.equals(sent)) {
            throw new OperationFailedException("Registry " + repo.registry() + " stored the manifest for " + repo.name() + ":"
                    + reference + " as " + reported + " but its bytes hash to " + sent);
        }
        return reported;
    }

    /** @return whether the registry cancelled it; an abandoned upload expires on its own */
    private boolean cancelUpload(ImageRef target, String location) {
        try {
            send(target.registry(), pushScope(target), HttpRequest.newBuilder(uploadLocation(target, location)).DELETE(),
                    HttpResponse.BodyHandlers.discarding(), "cancel upload in " + target.name());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private URI uploadLocation(ImageRef target, String location) {
        URI uri = URI.create(location);
        return uri.isAbsolute() ? uri : endpoint(target.registry()).baseUri().resolve(location);
    }

    URI blobUri(ImageRef repo, Digest digest) {
        return endpoint(repo.registry()).baseUri().resolve(repo.repository() + "/blobs/" + digest);
    }

    static String pushScope(ImageRef ref) {
        return "repository:" + ref.repository() + ":pull,push";
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
        return send(host, scope, request, handler, what, false);
    }

    /** @param answer404 a 404 is returned to the caller, not thrown: the caller reads what kind of 404 it is */
    private <T> HttpResponse<T> send(String host, String scope, HttpRequest.Builder request,
                                     HttpResponse.BodyHandler<T> handler, String what, boolean answer404) {
        return send(host, scope, request, handler, what, status -> answer404 && status == 404);
    }

    /** @param answered the statuses returned to the caller, not thrown: the caller reads the answer's body */
    private <T> HttpResponse<T> send(String host, String scope, HttpRequest.Builder request,
                                     HttpResponse.BodyHandler<T> handler, String what, java.util.function.IntPredicate answered) {
        reachable.check(host, what);
        try {
            request.timeout(Duration.ofMinutes(5));
            Optional<String> auth = authenticator.cachedAuthorization(host, scope);
            auth.ifPresent(value -> request.setHeader("Authorization", value));
            HttpClient client = clientFor(host);
            HttpResponse<T> response = traffic.send(host, () -> sendRetryingServerErrors(client, request, handler));
            if (response.statusCode() == 401) {
                Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
                if (challenge.isPresent()) {
                    String authorization = authenticator.answer(endpoint(host), scope, challenge.get(), credentials.apply(host));
                    request.setHeader("Authorization", authorization);
                    response = traffic.send(host, () -> sendRetryingServerErrors(client, request, handler));
                }
            }
            return answered.test(response.statusCode()) ? response : check(host, response, what);
        } catch (IOException e) {
            throw new UnavailableException("Registry " + host + " is not reachable at "
                    + endpoint(host).baseUri() + " (" + describe(e) + ") while trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while trying to " + what, e);
        }
    }

    /**
     * A registry under concurrent writes to one repository answers 500 now and then (seen with
     * distribution 2.8's filesystem storage); every request we send is idempotent, so it is sent up to
     * three times before the answer counts.
     */
    private static <T> HttpResponse<T> sendRetryingServerErrors(HttpClient http, HttpRequest.Builder request,
                                                                HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = http.send(request.build(), handler);
        for (int attempt = 1; attempt < 3 && response.statusCode() >= 500 && response.statusCode() != 501; attempt++) {
            Thread.sleep(150L * attempt);
            response = http.send(request.build(), handler);
        }
        return response;
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
