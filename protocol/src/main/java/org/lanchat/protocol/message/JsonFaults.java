package org.lanchat.protocol.message;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import org.lanchat.protocol.frame.FrameLimits;

/**
 * Says in our own words what was wrong with a body the parser refused. Its messages name settings and
 * classes of the library (§6.12 wants texts safe to show a user) and quote the client's input, so they are
 * only read to tell the faults apart, never passed on; an unrecognised one gets the plain general text.
 */
final class JsonFaults {
    private JsonFaults() {
    }

    static String limit(StreamConstraintsException e, FrameLimits limits) {
        String what = lower(e.getOriginalMessage());
        if (what.contains("nesting depth")) {
            return "objects and arrays nested deeper than " + MessageCodec.MAX_NESTING_DEPTH + " levels";
        }
        if (what.contains("number")) {
            return "a number longer than " + BodyBounds.MAX_NUMBER_CHARS + " characters";
        }
        if (what.contains("name length")) {
            return "a member name longer than 256 bytes in UTF-8";
        }
        if (what.contains("string value length")) {
            return "a string longer than " + limits.maxFrameBytes() + " characters";
        }
        return "the body is too large or too complex";
    }

    static String syntax(JsonProcessingException e) {
        String what = lower(e.getOriginalMessage());
        String fault;
        if (what.contains("duplicate field")) {
            fault = "a member name appears twice in one object";
        } else if (what.contains("end-of-input")) {
            fault = "the body ends before the JSON value does";
        } else if (what.contains("illegal unquoted character")) {
            fault = "a control character inside a string must be escaped";
        } else if (what.contains("character escape")) {
            fault = "a string holds an escape JSON does not have";
        } else if (what.contains("leading zero")) {
            fault = "a number has a leading zero";
        } else if (what.contains("non-standard token") || what.contains("unrecognized token")) {
            fault = "an unquoted word that is not true, false or null";
        } else if (what.contains("close marker")) {
            fault = "a closing bracket does not match its opening one";
        } else if (what.contains("trailing token")) {
            fault = "something follows the object";
        } else if (what.contains("unexpected character")) {
            fault = "an unexpected character";
        } else {
            fault = "a syntax error";
        }
        return fault + at(e.getLocation());
    }

    private static String at(JsonLocation where) {
        if (where == null || where.getLineNr() < 1 || where.getColumnNr() < 1) {
            return "";
        }
        return " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    private static String lower(String message) {
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }
}
