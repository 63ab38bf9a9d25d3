package dk.overgang.web;

/** A body that is not one well-formed UTF-8 JSON document: 400 {@code malformed-json}. The message names no value. */
public class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String message) {
        super(message, null, false, false);
    }
}
