package dev.harrier.detect.sigma;

import java.math.BigDecimal;

/** One value of a field match or a keyword list, typed as YAML (core schema) resolved it. */
public sealed interface Value {
    /** The value as text, as a backend that compares strings would see it ({@code "null"} for null). */
    String text();

    /** A string (wildcards {@code *} and {@code ?} and escapes are left as written). */
    record Str(String value) implements Value {
        @Override
        public String text() {
            return value;
        }
    }

    /** An integer or decimal number; {@code text} is the scalar as written. */
    record Num(BigDecimal value, String text) implements Value {}

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Value {
        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    /** YAML null ({@code null}, {@code ~} or empty): the field must be absent or empty. */
    record Null() implements Value {
        @Override
        public String text() {
            return "null";
        }
    }
}
