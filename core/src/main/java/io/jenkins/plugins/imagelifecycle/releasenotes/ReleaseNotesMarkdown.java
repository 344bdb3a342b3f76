package io.jenkins.plugins.imagelifecycle.releasenotes;

import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.FileChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.PackageChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.TestChange;
import java.util.List;
import java.util.function.Function;

/** Release notes as Markdown, for people: headings, short lists, both versions of every change. */
public final class ReleaseNotesMarkdown {
    private ReleaseNotesMarkdown() {
    }

    public static String render(ReleaseNotes n) {
        StringBuilder md = new StringBuilder();
        md.append("# Release notes: ").append(code(n.image().ref())).append('\n').append('\n');
        md.append("Since ").append(code(n.since().ref())).append(" (").append(code(shortDigest(n.since().digest()))).append(" → ")
                .append(code(shortDigest(n.image().digest()))).append(").\n\n");

        md.append("## Upstream base\n");
        if (n.base().changed()) {
            md.append("- Changed: ").append(code(n.base().before())).append(" → ").append(code(n.base().after())).append('\n');
        } else {
            md.append("- Unchanged: ").append(code(n.base().after())).append('\n');
        }
        md.append("- OS: ").append(n.since().os()).append(' ').append(orDash(n.base().osVersionBefore())).append(" → ")
                .append(n.image().os()).append(' ').append(orDash(n.base().osVersionAfter())).append("\n\n");

        md.append("## Packages\n");
        if (n.packages().isEmpty()) {
            md.append("No package changed.\n");
        }
        packages(md, "Added", n.packages().added(), p -> code(p.after()));
        packages(md, "Removed", n.packages().removed(), p -> code(p.before()));
        packages(md, "Upgraded", n.packages().upgraded(), p -> code(p.before()) + " → " + code(p.after()));
        packages(md, "Downgraded", n.packages().downgraded(), p -> code(p.before()) + " → " + code(p.after()));
        md.append('\n');

        md.append("## Source\n");
        List<Commit> commits = n.source().commits();
        if (commits == null) {
            md.append("- ").append(code(orDash(n.source().before()))).append(" → ").append(code(orDash(n.source().after())))
                    .append(" (the repository holding both was not at hand)\n");
        } else if (commits.isEmpty()) {
            md.append("No new commit (").append(code(orDash(n.source().after()))).append(").\n");
        } else {
            for (Commit c : commits) {
                md.append("- ").append(code(c.id().substring(0, Math.min(12, c.id().length())))).append(' ').append(escape(c.subject())).append('\n');
            }
        }
        md.append('\n');

        md.append("## Tests\n");
        if (n.tests().added().isEmpty() && n.tests().removed().isEmpty() && n.tests().changed().isEmpty()) {
            md.append("No test added, removed or changing outcome.\n");
        }
        tests(md, "Added", n.tests().added(), t -> t.after());
        tests(md, "Removed", n.tests().removed(), t -> "was " + t.before());
        tests(md, "Outcome changed", n.tests().changed(), t -> t.before() + " → " + t.after());
        md.append('\n');

        md.append("## Layers and files\n");
        md.append("- Layers: ").append(n.since().layers()).append(" → ").append(n.image().layers()).append('\n');
        md.append("- Size of files: ").append(n.since().size()).append(" → ").append(n.image().size()).append(" bytes\n");
        md.append("- Files: ").append(n.files().added()).append(" added, ").append(n.files().removed()).append(" removed, ")
                .append(n.files().changed()).append(" changed\n");
        for (FileChange f : n.files().largest()) {
            md.append("  - ").append(f.change()).append(' ').append(code("/" + f.path())).append(" (").append(f.sizeBefore())
                    .append(" → ").append(f.sizeAfter()).append(" bytes)\n");
        }
        return md.toString();
    }

    private static void packages(StringBuilder md, String title, List<PackageChange> list, Function<PackageChange, String> versions) {
        if (list.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append(" (").append(list.size()).append(")\n");
        for (PackageChange p : list) {
            md.append("- ").append(escape(p.name())).append(p.architecture() == null ? "" : " (" + escape(p.architecture()) + ")")
                    .append(' ').append(versions.apply(p)).append('\n');
        }
    }

    private static void tests(StringBuilder md, String title, List<TestChange> list, Function<TestChange, String> outcome) {
        if (list.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append(" (").append(list.size()).append(")\n");
        for (TestChange t : list) {
            md.append("- ").append(escape(t.name())).append(": ").append(outcome.apply(t)).append('\n');
        }
    }

    private static String shortDigest(String digest) {
        return digest == null ? "-" : digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** An inline code span that a backtick in the text cannot close early. */
    private static String code(String s) {
        String text = orDash(s);
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    /** Text from images and commit messages, so that it renders as written and never as Markdown or HTML. */
    static String escape(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1").replaceAll("\\R", " ");
    }
}
