package hk.carerelay.shared;

/** One invalid input field: its name (dotted path for nested fields) and a readable message. */
public record FieldError(String field, String message) {
}
