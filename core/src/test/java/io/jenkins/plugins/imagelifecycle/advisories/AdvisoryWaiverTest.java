package io.jenkins.plugins.imagelifecycle.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Waivers as a pipeline writes them, and what they waive: the advisory or an alias, until their last day. */
class AdvisoryWaiverTest {
    private static final Finding FINDING = new Finding(1, "sha256:aa", "DSA-9001-1", "CVE-2026-9001,CVE-2026-9002", "openssl",
            "3.0.11-1", "3.0.13-1", "high", "osv", Instant.now(), "import", null, null);

    @Test
    void writtenFormParsesAndWaivesByIdOrAliasUntilItsLastDay() {
        AdvisoryWaiver w = AdvisoryWaiver.parse("CVE-2026-9002 until 2027-01-31: not reachable, no TLS here");
        assertThat(w.advisory()).isEqualTo("CVE-2026-9002");
        assertThat(w.reason()).isEqualTo("not reachable, no TLS here");
        assertThat(w.waives(FINDING, LocalDate.parse("2027-01-31"))).isTrue();
        assertThat(w.waives(FINDING, LocalDate.parse("2027-02-01"))).as("expired").isFalse();
        assertThat(AdvisoryWaiver.parse("DSA-9001-1 until 2027-01-31: ok").waives(FINDING, LocalDate.parse("2026-12-01"))).isTrue();
        assertThat(AdvisoryWaiver.parse("DSA-1 until 2027-01-31: other").waives(FINDING, LocalDate.parse("2026-12-01"))).isFalse();
    }

    @Test
    void badWaiversAreRefusedNamingTheText() {
        assertThatThrownBy(() -> AdvisoryWaiver.parse("CVE-1 forever")).isInstanceOf(BadInputException.class)
                .hasMessage("Waiver 'CVE-1 forever' is not of the form 'ID until yyyy-MM-dd: reason'");
        assertThatThrownBy(() -> AdvisoryWaiver.parse("CVE-1 until soon: because")).hasMessageContaining("'soon' is not a date");
        assertThatThrownBy(() -> new AdvisoryWaiver("CVE-1", " ", LocalDate.now())).hasMessageContaining("gives no reason");
    }
}
