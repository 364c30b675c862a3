package org.socialcrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The app side of compiled reads' text encoding: PostgreSQL's text arrays read back (quoting as array_out writes it,
 * nested arrays as quoted text) and written as JSON. CompiledReadsTest checks the same against PostgreSQL itself.
 */
class TextJsonTest {

    @Test
    void readsTextArraysAsPostgreSqlWritesThem() {
        assertEquals(List.of(), PgArrayText.elements("{}"));
        assertEquals(Arrays.asList("1", null, "NULL", "", "a b", "x\"y\\z", "{1,\"a b\"}"),
                PgArrayText.elements("{1,NULL,\"NULL\",\"\",\"a b\",\"x\\\"y\\\\z\",\"{1,\\\"a b\\\"}\"}"));
        assertThrows(IllegalArgumentException.class, () -> PgArrayText.elements("[1:1]={a}"));
    }

    @Test
    void writesObjectsAndListsWithTheirKeysAndKinds() {
        TextJson identity = new ObjectJson(List.of(ObjectJson.read("id", TextJson.STRING), ObjectJson.constant("__typename", "\"SocialIdentity\""),
                ObjectJson.read("followers", TextJson.NUMBER), ObjectJson.read("verified", TextJson.BOOLEAN)));
        TextJson contact = new ObjectJson(List.of(ObjectJson.read("name", TextJson.STRING), ObjectJson.read("attributes", TextJson.JSON),
                ObjectJson.read("score", TextJson.NUMBER), ObjectJson.read("ids", TextJson.list(identity))));
        StringBuilder out = new StringBuilder();
        contact.write("{\"Ada \\\"B\\\"\",\"{\\\"a\\\": [1, null]}\",NaN,\"{\\\"{7,NULL,true}\\\",\\\"{8,-12,f}\\\"}\"}", out);
        assertEquals("{\"name\":\"Ada \\\"B\\\"\",\"attributes\":{\"a\": [1, null]},\"score\":\"NaN\",\"ids\":["
                + "{\"id\":\"7\",\"__typename\":\"SocialIdentity\",\"followers\":null,\"verified\":true},"
                + "{\"id\":\"8\",\"__typename\":\"SocialIdentity\",\"followers\":-12,\"verified\":false}]}", out.toString());
    }

    @Test
    void escapesStringsAsJsonRequires() {
        StringBuilder out = new StringBuilder();
        TextJson.STRING.write("a\"b\\c\nd\u0001é", out);
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001é\"", out.toString());
    }
}
