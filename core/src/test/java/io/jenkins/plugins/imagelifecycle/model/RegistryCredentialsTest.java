package io.jenkins.plugins.imagelifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
    @Test
    void toStringNeverShowsThePassword() {
        assertThat(new RegistryCredentials("bob", "hunter2")).hasToString("bob:****");
    }
}
