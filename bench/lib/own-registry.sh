# Sourced by the inventory benchmarks: a docker-registry of the script's own on a free loopback port
# (config and storage under the script's scratch folder), and images pushed to it from folders, one
# gzip layer per folder, through the registry API with curl: no Docker engine, nothing from the internet.
# The caller's EXIT trap calls stop_own_registry.

OWN_REGISTRY=""; OWN_REGISTRY_PID=""

# free_loopback_port — a port nothing on 127.0.0.1 answers on.
free_loopback_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free loopback port found" >&2; return 1
}

# start_own_registry DIR — starts docker-registry with its config and storage in DIR; sets OWN_REGISTRY.
start_own_registry() {
  local dir="$1" port
  port="$(free_loopback_port)"
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$port
YAML
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  OWN_REGISTRY_PID=$!
  OWN_REGISTRY="127.0.0.1:$port"
  for _ in $(seq 1 40); do
    curl -fsS -o /dev/null "http://$OWN_REGISTRY/v2/" 2>/dev/null && return 0
    kill -0 "$OWN_REGISTRY_PID" 2>/dev/null || { cat "$dir/registry.log" >&2; return 1; }
    sleep 0.25
  done
  echo "docker-registry did not answer on $OWN_REGISTRY: see $dir/registry.log" >&2; return 1
}

# stop_own_registry — stops the registry this script started, and only it.
stop_own_registry() {
  if [ -n "$OWN_REGISTRY_PID" ]; then
    kill "$OWN_REGISTRY_PID" 2>/dev/null || true
    wait "$OWN_REGISTRY_PID" 2>/dev/null || true
    OWN_REGISTRY_PID=""
  fi
}

# upload_blob REPO FILE DIGEST — a monolithic upload (POST, then PUT of the whole file, streamed by curl -T).
upload_blob() {
  local repo="$1" file="$2" digest="$3" location sep
  location="$(curl -fsS -X POST -D - -o /dev/null "http://$OWN_REGISTRY/v2/$repo/blobs/uploads/" \
    | awk 'tolower($1) == "location:" { print $2 }' | tr -d '\r')"
  case "$location" in http*) ;; *) location="http://$OWN_REGISTRY$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -T "$file" "$location${sep}digest=$digest"
}

# push_folders_as_image REPO TAG SCRATCH FOLDER… — each FOLDER becomes one tar+gzip layer, in order (its
# uncompressed digest goes into the config's diff_ids, as docker's would); prints the manifest's digest.
push_folders_as_image() {
  local repo="$1" tag="$2" scratch="$3"; shift 3
  local folder blob digest diff_id size hasher layers="" diff_ids="" i=0 config manifest
  mkdir -p "$scratch"
  for folder in "$@"; do
    i=$((i + 1)); blob="$scratch/layer-$i.tar.gz"
    # the tar once: gzip writes the blob while sha256sum hashes the uncompressed stream (diff_ids), through a FIFO
    rm -f "$scratch/tar.fifo"; mkfifo "$scratch/tar.fifo"
    sha256sum <"$scratch/tar.fifo" >"$scratch/diff-id" &
    hasher=$!
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$folder" -cf - . \
      | tee "$scratch/tar.fifo" | gzip -n >"$blob"
    wait "$hasher"
    diff_id="sha256:$(cut -d' ' -f1 "$scratch/diff-id")"; rm -f "$scratch/tar.fifo" "$scratch/diff-id"
    digest="sha256:$(sha256sum "$blob" | cut -d' ' -f1)"; size="$(stat -c %s "$blob")"
    upload_blob "$repo" "$blob" "$digest"
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$size}"
    diff_ids+="${diff_ids:+,}\"$diff_id\""
    rm -f "$blob"
  done
  config="$scratch/config.json"; manifest="$scratch/manifest.json"
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diff_ids" >"$config"
  digest="sha256:$(sha256sum "$config" | cut -d' ' -f1)"
  upload_blob "$repo" "$config" "$digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[%s]}' \
    "$digest" "$(stat -c %s "$config")" "$layers" >"$manifest"
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary "@$manifest" "http://$OWN_REGISTRY/v2/$repo/manifests/$tag"
  echo "sha256:$(sha256sum "$manifest" | cut -d' ' -f1)"
}
