package org.socialcrm.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void oneUrlGivesTheReactiveAndJdbcForms() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://crm:s%40cret@db.internal:6432/socialcrm");
        assertEquals("postgresql://db.internal:6432/socialcrm", url.reactiveUrl());
        assertEquals("jdbc:postgresql://db.internal:6432/socialcrm", url.jdbcUrl());
        assertEquals("crm", url.username());
        assertEquals("s@cret", url.password());
    }

    @Test
    void defaultsAndOtherSpellings() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://localhost");
        assertEquals("postgresql://localhost:5432/postgres", url.reactiveUrl());
        assertNull(url.username());
        assertEquals("jdbc:postgresql://h:1/d", DatabaseUrl.parse("jdbc:postgresql://h:1/d").jdbcUrl());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://h/d"));
        assertEquals("a+b", DatabaseUrl.parse("postgresql://u:a+b@h/d").password(), "a URL's '+' is a plus");
    }
}
