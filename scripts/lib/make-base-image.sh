# make_base_image REF — makes the stand-in for a certified upstream image from Debian's busybox-static
# (no image can be pulled here): /bin/busybox, its applet links, /tmp and /etc, imported with
# `docker import` and pushed to REF. A second call with a different MARK makes a "patched" upstream.
make_base_image() {
  local ref="$1" mark="${2:-initial}" dir
  install_missing busybox:busybox-static
  dir="$(mktemp -d)"
  mkdir -p "$dir/rootfs/bin" "$dir/rootfs/tmp" "$dir/rootfs/etc" "$dir/rootfs/root"
  chmod 1777 "$dir/rootfs/tmp"
  cp "$(command -v busybox)" "$dir/rootfs/bin/busybox"
  for applet in $("$dir/rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/rootfs/bin/$applet"
  done
  echo "root:x:0:0:root:/root:/bin/sh" >"$dir/rootfs/etc/passwd"
  echo "root:x:0:" >"$dir/rootfs/etc/group"
  echo "upstream base ($mark)" >"$dir/rootfs/etc/upstream-release"
  # an os-release and a package database, as every distribution's base carries them: the busybox it holds is
  # this machine's Debian package, so the base says so, and the contents inventory and advisories read them
  local host_id host_version
  host_id="$(. /etc/os-release && echo "$ID")"; host_version="$(. /etc/os-release && echo "${VERSION_ID:-}")"
  printf 'ID=%s\nVERSION_ID=%s\nPRETTY_NAME="BusyBox upstream base (%s) on %s %s"\n' \
    "$host_id" "$host_version" "$mark" "$host_id" "$host_version" >"$dir/rootfs/etc/os-release"
  mkdir -p "$dir/rootfs/var/lib/dpkg"
  dpkg-query -s busybox-static >"$dir/rootfs/var/lib/dpkg/status"
  tar -C "$dir/rootfs" -cf "$dir/rootfs.tar" .
  docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$dir/rootfs.tar" "$ref" >/dev/null
  rm -rf "$dir"
  docker push "$ref" >/dev/null || die "push of $ref failed"
  say "upstream base $ref ($mark) pushed"
}
