// Verifies a Sigstore bundle with sigstore-js (@sigstore/verify), against one public key and no transparency log,
// certificate authority or timestamp authority: the check a verifier nobody here wrote makes of our signatures.
// Usage: node verify.js BUNDLE.json PUBLIC-KEY.pem [ARTIFACT]   (NODE_PATH: where sigstore is installed)
// Prints "verified" (exit 0) or "refused: why" (exit 1).
const fs = require('fs');
const crypto = require('crypto');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const [bundlePath, keyPath, artifactPath] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
const key = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
const root = TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
const trust = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, tsaThreshold: 0 });
try {
  verifier.verify(toSignedEntity(bundle, artifactPath ? fs.readFileSync(artifactPath) : undefined));
  console.log('verified');
} catch (e) {
  console.log('refused: ' + e.message);
  process.exit(1);
}
