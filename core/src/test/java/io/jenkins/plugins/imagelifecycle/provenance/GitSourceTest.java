package io.jenkins.plugins.imagelifecycle.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
    @TempDir
    Path dir;

    @Test
    void stripsUserAndPasswordFromRemoteUrls() {
        assertThat(GitSource.stripUserInfo("https://bob:s3cret@git.example.com/org/app.git")).isEqualTo("https://git.example.com/org/app.git");
        assertThat(GitSource.stripUserInfo("https://token@git.example.com:8443/app.git")).isEqualTo("https://git.example.com:8443/app.git");
        assertThat(GitSource.stripUserInfo("git@github.com:org/app.git")).isEqualTo("github.com:org/app.git");
        assertThat(GitSource.stripUserInfo("https://git.example.com/app.git")).isEqualTo("https://git.example.com/app.git");
    }

    @Test
    void readsCommitBranchRemoteAndDirtyState() throws Exception {
        String commit;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("release").call()) {
            Files.writeString(dir.resolve("a.txt"), "a");
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("a").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call().name();
            git.getRepository().getConfig().setString("remote", "origin", "url", "https://u:p@git.example.com/app.git");
            git.getRepository().getConfig().save();
        }
        SourceInfo clean = GitSource.read(dir);
        assertThat(clean).isEqualTo(new SourceInfo(true, commit, "release", "https://git.example.com/app.git", false));

        Files.writeString(dir.resolve("a.txt"), "changed");
        assertThat(GitSource.read(dir).dirty()).isTrue();
    }

    @Test
    void aDirectoryOutsideGitIsNoSourceControlNotAnError() {
        assertThat(GitSource.read(dir)).isEqualTo(SourceInfo.none());
    }
}
