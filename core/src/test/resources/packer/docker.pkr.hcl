variable "base_image" {
  type = string
}
variable "greeting" {
  type    = string
  default = "hello"
}
variable "token" {
  type      = string
  default   = ""
  sensitive = true
}
variable "sleep_seconds" {
  type    = string
  default = "0"
}
variable "exit_code" {
  type    = string
  default = "0"
}
source "docker" "base" {
  image  = var.base_image
  pull   = false
  commit = true
}
build {
  sources = ["source.docker.base"]
  provisioner "shell" {
    inline = [
      "echo ${var.greeting} > /etc/greeting",
      "echo using token ${var.token}",
      "sleep ${var.sleep_seconds}",
      "exit ${var.exit_code}",
    ]
  }
}
