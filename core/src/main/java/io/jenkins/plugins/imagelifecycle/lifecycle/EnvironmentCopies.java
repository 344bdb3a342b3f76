package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import java.util.List;

/**
 * Where promotion copied an image: the references (pinned by digest) of its environment copies. The
 * promotion feature's placements answer this; until it is wired, an image has no copies.
 */
@FunctionalInterface
public interface EnvironmentCopies {
    EnvironmentCopies NONE = image -> List.of();

    List<ImageRef> copiesOf(ImageRecord image);
}
