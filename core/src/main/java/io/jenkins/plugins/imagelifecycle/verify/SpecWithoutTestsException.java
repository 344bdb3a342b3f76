package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;

/**
 * A spec that validates but holds no test (an empty {@code metadataTest} is none, as CST counts). Unlike a spec that
 * does not validate, it is not a failing result: it adds nothing to a run, and a run that holds nothing is refused.
 */
final class SpecWithoutTestsException extends BadInputException {
    SpecWithoutTestsException(String message) {
        super(message);
    }
}
