package io.jenkins.plugins.imagelifecycle.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.contents.DpkgVersion;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OSV's evaluation of ranges, with dpkg's version order; the real image's case is in DebianInventoryIT. */
class OsvRangesTest {
    private static final Comparator<String> DPKG = DpkgVersion::compare;

    @ParameterizedTest(name = "{0} in [{1}] -> {2}")
    @CsvSource(delimiter = ';', value = {
        "1.0-1; introduced=0 fixed=1.2-1; true",
        "1.2-1; introduced=0 fixed=1.2-1; false",
        "1.2~rc1-1; introduced=0 fixed=1.2-1; true",
        "0.9; introduced=1.0 fixed=2.0; false",
        "1.5; introduced=1.0 fixed=2.0; true",
        "2.5; introduced=1.0 fixed=2.0 introduced=3.0 fixed=4.0; false",
        "3.5; introduced=1.0 fixed=2.0 introduced=3.0 fixed=4.0; true",
        "1.5; introduced=0 last_affected=1.5; true",
        "1.5.1; introduced=0 last_affected=1.5; false",
        "1:0.5; introduced=0 fixed=2.0; false",
        "9.9; introduced=0 fixed=1:0.1; true",
        "1.5; introduced=0 limit=1.0 introduced=1.2 limit=2.0; true",
        "2.5; introduced=0 limit=1.0 introduced=1.2 limit=2.0; false",
        "5.0; introduced=0; true",
    })
    void followsOsvsEvaluation(String version, String events, boolean affected) {
        List<OsvAdvisory.Event> list = java.util.Arrays.stream(events.split(" "))
                .map(e -> new OsvAdvisory.Event(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1))).toList();
        var entry = new OsvAdvisory.Affected("Debian:12", "openssl", List.of(new OsvAdvisory.Range("ECOSYSTEM", list)), List.of());
        assertThat(OsvRanges.affects(entry, version, DPKG)).isEqualTo(affected);
    }

    @ParameterizedTest
    @CsvSource({"1.0-1,true", "1.0-2,false"})
    void explicitVersionsAreAffectedByTheEcosystemsEquality(String version, boolean affected) {
        var entry = new OsvAdvisory.Affected("Debian:12", "openssl", List.of(), List.of("0:1.0-1"));
        assertThat(OsvRanges.affects(entry, version, DPKG)).isEqualTo(affected);
    }

    @ParameterizedTest
    @CsvSource({"1.5,2.0", "2.5,", "0.5,2.0"})
    void theFixIsTheFirstFixedVersionAboveTheInstalledOne(String version, String fixed) {
        var events = List.of(new OsvAdvisory.Event("introduced", "0"), new OsvAdvisory.Event("fixed", "2.0"),
                new OsvAdvisory.Event("introduced", "2.2"));
        var entry = new OsvAdvisory.Affected("Debian:12", "x", List.of(new OsvAdvisory.Range("ECOSYSTEM", events)), List.of());
        assertThat(OsvRanges.fixedVersion(entry, version, DPKG)).isEqualTo(fixed);
    }
}
