package dk.overgang.shared;

/**
 * A failure a caller can act on. Its message is shown to the caller, so it never carries personal
 * data (no CPR number, no name).
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ForbiddenException, PreconditionFailedException,
        PreconditionRequiredException, ConflictException, InvalidFieldException, OutsideReleaseWindowException,
        OutsideForumAreaException, JargonFoundException,
        ServiceUnavailableException, TooManyRequestsException, ClientRefusedException, UnprocessableFieldException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
