source "docker" "base" {
  image  = "busybox"
  commit = true
  no_such_option = true
}
build {
  sources = ["source.docker.base"]
}
