source "file" "motd" {
  content = "welcome to a host built by image-lifecycle\n"
  target  = "motd.txt"
}
build {
  sources = ["source.file.motd"]
}
