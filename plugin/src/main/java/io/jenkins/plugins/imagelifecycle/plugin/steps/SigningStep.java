package io.jenkins.plugins.imagelifecycle.plugin.steps;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/** A step that signs what it puts in a registry: its own key's credentials, instead of the global configuration's. */
public abstract class SigningStep extends Step {
    private String signingKeyCredentialsId;
    private String signingPassphraseCredentialsId;

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A Secret file credential, as the build sees credentials, with this step's signing key. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = signingKeyCredentialsId;
    }

    public String getSigningPassphraseCredentialsId() {
        return signingPassphraseCredentialsId;
    }

    /** A Secret text credential with that key's passphrase. */
    @DataBoundSetter
    public void setSigningPassphraseCredentialsId(String signingPassphraseCredentialsId) {
        this.signingPassphraseCredentialsId = signingPassphraseCredentialsId;
    }
}
