package dk.overgang.access;

import java.util.Locale;

/**
 * What an operation costs against a client's budget, as the contract states it for each operation
 * ({@link dk.overgang.shared.ContractOperation#operationClass()}). Searches and the worklist cost
 * more: each answers a page of people and writes its audit record, so a client that floods them
 * would take the database from everyone else.
 */
public enum OperationClass {
    READ, WRITE, SEARCH, WORKLIST;

    /** The class named in the contract ({@code read}, {@code write}, {@code search}, {@code worklist}). */
    static OperationClass of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Whether answers of this class are pages whose size counts against the rows in flight. */
    public boolean paged() {
        return this == SEARCH || this == WORKLIST;
    }
}
