// Compile-only stand-in of hudson.ExtensionList (Jenkins 2.479.3); never shipped. Finds extensions through the SezPoz index, as Jenkins' default finder does.
package hudson;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;

public class ExtensionList<T> extends AbstractList<T> {
    private final List<T> extensions;

    private ExtensionList(List<T> extensions) {
        this.extensions = extensions;
    }

    @Override
    public T get(int index) {
        return extensions.get(index);
    }

    @Override
    public int size() {
        return extensions.size();
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, type.getClassLoader())) {
            try {
                Class<?> c = Class.forName(item.className(), false, type.getClassLoader());
                if (type.isAssignableFrom(c)) {
                    found.add(type.cast(Jenkins.get().standInSingleton(c)));
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ExtensionList<>(found);
    }

    public static <U> U lookupSingleton(Class<U> type) {
        ExtensionList<U> all = lookup(type);
        if (all.size() != 1) {
            throw new IllegalStateException("Expected 1 instance of " + type.getName() + " but got " + all.size());
        }
        return all.get(0);
    }
}
