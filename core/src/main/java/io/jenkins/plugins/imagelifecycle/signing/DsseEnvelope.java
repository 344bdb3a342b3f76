package io.jenkins.plugins.imagelifecycle.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An in-toto statement in a DSSE envelope, as cosign attests: the statement base64 in {@code payload},
 * {@code payloadType} {@code application/vnd.in-toto+json}, and each signature over the pre-authentication
 * encoding {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload} with the signer's key id.
 * A layer that is a bare statement (stored before signing existed) opens as unsigned.
 */
public final class DsseEnvelope {
    public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    /** One signature of an envelope: untrusted until a trusted key verifies it. */
    public record EnvelopeSignature(String keyId, byte[] signature) {
    }

    /**
     * An attestation layer opened.
     *
     * @param signatures none for a bare statement
     */
    public record Opened(String statement, boolean enveloped, List<EnvelopeSignature> signatures, byte[] signedBytes) {
        /** The key id of a trusted key that verifies one of the signatures, or null. */
        public String verifiedBy(List<TrustedKey> trusted) {
            for (EnvelopeSignature s : signatures) {
                for (TrustedKey key : trusted) {
                    if (key.verifies(signedBytes, s.signature())) {
                        return key.keyId();
                    }
                }
            }
            return null;
        }
    }

    private DsseEnvelope() {
    }

    public static String sign(String statement, SigningKey key) {
        byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
        ObjectNode envelope = Json.object().put("payloadType", PAYLOAD_TYPE).put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.putArray("signatures").addObject().put("keyid", key.keyId())
                .put("sig", Base64.getEncoder().encodeToString(key.sign(pae(PAYLOAD_TYPE, payload))));
        return Json.write(envelope);
    }

    /**
     * The statement of a stored layer, enveloped or bare. A layer that is not JSON opens as bare, and an
     * envelope whose payload is not base64 as one with no signature: neither is signed, and neither throws.
     */
    public static Opened open(String layer) {
        JsonNode json;
        try {
            json = Json.read(layer);
        } catch (IllegalArgumentException notJson) {
            return new Opened(layer, false, List.of(), new byte[0]);
        }
        if (!json.has("payloadType") || !json.has("payload")) {
            return new Opened(layer, false, List.of(), new byte[0]);
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(json.path("payload").asText());
        } catch (IllegalArgumentException notBase64) {
            return new Opened(layer, true, List.of(), new byte[0]);
        }
        List<EnvelopeSignature> signatures = new ArrayList<>();
        for (JsonNode s : json.path("signatures")) {
            try {
                signatures.add(new EnvelopeSignature(s.path("keyid").asText(null), Base64.getDecoder().decode(s.path("sig").asText())));
            } catch (IllegalArgumentException notBase64) {
                // a signature that is not base64 verifies nothing; the others still count
            }
        }
        return new Opened(new String(payload, StandardCharsets.UTF_8), true, signatures, pae(json.path("payloadType").asText(), payload));
    }

    /** DSSE's pre-authentication encoding. */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
