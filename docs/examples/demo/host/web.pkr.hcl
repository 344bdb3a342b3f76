# A host image built from the blessed image with Packer's docker builder (the image is already local,
# so pull = false). image-lifecycle records one host image per artifact, with this file's sha256.
variable "base_image" {
  type = string
}
variable "motd" {
  type    = string
  default = "managed by image-lifecycle"
}
variable "join_token" {
  type      = string
  default   = ""
  sensitive = true
}
source "docker" "web" {
  image  = var.base_image
  pull   = false
  commit = true
}
build {
  sources = ["source.docker.web"]
  provisioner "shell" {
    inline = [
      "echo '${var.motd}' > /etc/motd",
      "if [ -n '${var.join_token}' ]; then echo joined > /etc/cluster-joined; fi",
    ]
  }
}
