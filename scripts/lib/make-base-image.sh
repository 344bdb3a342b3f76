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
  # an os-release as every distribution's base carries one: the contents inventory reads the OS from it
  printf 'ID=busybox\nNAME=BusyBox\nVERSION_ID=%s\nPRETTY_NAME="BusyBox upstream base (%s)"\n' \
    "$(busybox | head -1 | sed -E 's/^BusyBox v([0-9.]+).*/\1/')" "$mark" >"$dir/rootfs/etc/os-release"
  tar -C "$dir/rootfs" -cf "$dir/rootfs.tar" .
  docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$dir/rootfs.tar" "$ref" >/dev/null
  rm -rf "$dir"
  docker push "$ref" >/dev/null || die "push of $ref failed"
  say "upstream base $ref ($mark) pushed"
}
