package io.jenkins.plugins.imagelifecycle.contents;

import java.io.Serializable;

/**
 * A package an image's package database lists as installed.
 *
 * @param ecosystem     {@code deb}, {@code apk} or {@code rpm} (the package URL type)
 * @param sourceName    the source package it was built from (Debian advisories name these), or the name itself
 * @param sourceVersion the source package's version when it differs from {@code version}, else {@code version}
 * @param license       where the database records one, else null
 * @param purl          its package URL ({@code pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12})
 */
public record InstalledPackage(String ecosystem, String name, String version, String architecture, String sourceName,
                               String sourceVersion, String license, String purl) implements Serializable {
}
