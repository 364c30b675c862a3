package org.socialcrm.targeting;

import java.util.List;

/** A custom field's definition as far as conditions need it: its type (TEXT NUMBER DATE BOOLEAN CHOICE), choices, filterable. */
record CustomFieldKind(String type, List<String> choices, boolean filterable) {
}
