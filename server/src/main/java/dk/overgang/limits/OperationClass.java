package dk.overgang.limits;

/**
 * What an operation costs against a client's budget. Searches and the worklist cost more: each
 * answers a page of people and writes its audit record, so a client that floods them would take
 * the database from everyone else.
 */
enum OperationClass {
    READ, WRITE, SEARCH, WORKLIST;

    /**
     * The class of an operation of the contract, from its operationId (the generated interfaces'
     * method names) and the HTTP method: {@code search*}, {@code lookup*}, {@code diff*} and the
     * paged {@code *History} are searches, {@code readWorklist} is the worklist, other reads are
     * reads and everything else writes.
     */
    static OperationClass of(String operationId, String httpMethod) {
        if ("readWorklist".equals(operationId)) {
            return WORKLIST;
        }
        if (operationId.startsWith("search") || operationId.startsWith("lookup") || operationId.startsWith("diff")
                || operationId.endsWith("History")) {
            return SEARCH;
        }
        return "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? READ : WRITE;
    }

    /** Whether answers of this class are pages whose size counts against the rows in flight. */
    boolean paged() {
        return this == SEARCH || this == WORKLIST;
    }
}
