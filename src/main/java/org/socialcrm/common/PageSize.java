package org.socialcrm.common;

/** Page sizes of every list: at least 1, at most {@link #MAX}. */
public final class PageSize {

    public static final int MAX = 200;

    private PageSize() {
    }

    public static int check(Integer first, int defaultSize) {
        int size = first == null ? defaultSize : first;
        if (size < 1 || size > MAX) {
            throw new BadUserInputException("first", "must be between 1 and " + MAX);
        }
        return size;
    }
}
