package org.socialcrm.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.json.JsonNumber;

/**
 * JSON text that a compiled read already wrote, handed to SmallRye's response writer as it is. SmallRye writes the
 * response with Parsson, whose generator writes a {@link JsonNumber} as its {@code toString()}, verbatim; posing as
 * a number spares parsing the text into a tree only to write it out again (about a fifth of a compiled read's CPU).
 * Nothing reads it as a number: the numeric accessors refuse. CompiledReadsTest reads every compiled answer over
 * HTTP, so a writer that stopped writing it verbatim would fail there.
 */
final class RawJson implements JsonNumber {

    private final String text;

    RawJson(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    @Override
    public boolean isIntegral() {
        throw notANumber();
    }

    @Override
    public int intValue() {
        throw notANumber();
    }

    @Override
    public int intValueExact() {
        throw notANumber();
    }

    @Override
    public long longValue() {
        throw notANumber();
    }

    @Override
    public long longValueExact() {
        throw notANumber();
    }

    @Override
    public BigInteger bigIntegerValue() {
        throw notANumber();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        throw notANumber();
    }

    @Override
    public double doubleValue() {
        throw notANumber();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        throw notANumber();
    }

    private static UnsupportedOperationException notANumber() {
        return new UnsupportedOperationException("pre-rendered JSON, not a number");
    }
}
