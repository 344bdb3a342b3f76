package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.signing.Passphrase;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = KeysCommand.Generate.class,
        description = "Signing keys in cosign's format.")
final class KeysCommand {
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a new ECDSA P-256 key pair as cosign generate-key-pair does: PREFIX.key (cosign's encrypted private key, "
                    + "mode 600) and PREFIX.pub. The passphrase comes from an environment variable or a file, never an argument.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--output-prefix", required = true, paramLabel = "PREFIX", description = "Writes PREFIX.key and PREFIX.pub")
        Path prefix;

        @Option(names = "--passphrase-env", paramLabel = "VARIABLE", defaultValue = "COSIGN_PASSWORD",
                description = "The variable holding the passphrase (default: ${DEFAULT-VALUE}, as cosign)")
        String passphraseEnv;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "The file holding the passphrase, instead")
        Path passphraseFile;

        @Override
        public Integer call() throws IOException {
            Path folder = prefix.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new BadInputException("--output-prefix '" + prefix + "' is in a folder that does not exist; expected PREFIX in an "
                        + "existing folder");
            }
            Passphrase passphrase = passphraseFile != null ? Passphrase.fromFile(passphraseFile)
                    : Passphrase.fromEnvironment(passphraseEnv, System.getenv());
            Path privateFile = Path.of(prefix + ".key");
            Path publicFile = Path.of(prefix + ".pub");
            for (Path p : new Path[] {privateFile, publicFile}) {
                if (Files.exists(p)) {
                    throw new BadInputException("Key file " + p + " exists already; expected a prefix whose .key and .pub are new");
                }
            }
            SigningKey key = SigningKey.generate();
            try {
                // created unreadable by others before a byte is written
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new BadInputException("Key file " + privateFile + " exists already; expected a prefix whose .key and .pub are new");
            }
            Files.writeString(privateFile, key.cosignPem(passphrase), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, key.publicKey().pem(), StandardCharsets.US_ASCII);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                out.println(Json.write(Json.object().put("keyId", key.keyId()).put("privateKey", privateFile.toString())
                        .put("publicKey", publicFile.toString())));
            } else {
                out.println("Wrote " + privateFile + " and " + publicFile + " (key id " + key.keyId() + ")");
            }
            return ErrorHandler.OK;
        }
    }
}
