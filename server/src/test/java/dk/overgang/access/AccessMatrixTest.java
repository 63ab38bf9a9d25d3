package dk.overgang.access;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules as one table: operation x org_type x own/other organisation x scope -> status.
 * "own" means the caller's organisation is the inmate's institution (prison) or acting municipality
 * (municipality), the supervising office (probation: kif-sjaelland supervises, kif-fyn does not), and
 * "invited" an organisation added to the release meeting, "participant" a prison at the KSP meeting that
 * does not hold the person; for other types it makes no difference. For searches, "200+" means the inmate is
 * in the result and "200-" that it is not. Every operation in the OpenAPI document must have rows.
 */
@MicronautTest(transactional = false)
class AccessMatrixTest extends ApiTest {

    private static final String INSTITUTION = "matrix-prison";
    private static final String MUNICIPALITY = "147";
    private static final String INVITED_MUNICIPALITY = "461";
    /** A prison in the KSP forum and at its meeting that does not hold the matrix inmate. */
    private static final String PARTICIPANT_PRISON = "participant-prison";

    static final String[] MATRIX = {
            // operation           org_type      whose  scope                   expected
            "readInmate            prison        own    user/Inmate.r           200",
            "readInmate            prison        other  user/Inmate.r           404",
            "readInmate            prison        own    user/Inmate.s           403",
            "readInmate            probation     own    user/Inmate.r           200",
            "readInmate            probation     other  user/Inmate.r           404",
            "readInmate            municipality  own    user/Inmate.r           200",
            "readInmate            municipality  other  user/Inmate.r           404",
            "readInmate            municipality  own    user/Inmate.s           403",
            "readInmate            police        any    user/Inmate.r           404",
            "readInmate            police        any    user/KspList.rs         403",
            "readInmate            ngo           any    user/Inmate.r           404",
            "readInmate            ngo           any    user/Referral.rs        403",
            "readInmate            auditor       any    user/Inmate.r           404",
            "readInmate            auditor       any    user/AuditEvent.s       403",
            "readInmateHistory     prison        own    user/Inmate.r           200",
            "readInmateHistory     prison        other  user/Inmate.r           404",
            "readInmateHistory     municipality  own    user/Inmate.r           200",
            "readInmateHistory     municipality  other  user/Inmate.r           404",
            "readInmateHistory     ngo           any    user/Inmate.r           404",
            "readInmateHistory     prison        own    user/Inmate.s           403",
            "readInmateVersion     prison        own    user/Inmate.r           200",
            "readInmateVersion     prison        other  user/Inmate.r           404",
            "readInmateVersion     municipality  other  user/Inmate.r           404",
            "readInmateVersion     police        any    user/Inmate.r           404",
            "readInmateVersion     municipality  own    user/Inmate.c           403",
            "updateInmate          prison        own    user/Inmate.u           200",
            "updateInmate          prison        own    user/Inmate.rs          403",
            "updateInmate          prison        other  user/Inmate.u           404",
            "updateInmate          probation     own    user/Inmate.u           403",
            "updateInmate          probation     other  user/Inmate.u           404",
            "updateInmate          municipality  own    user/Inmate.u           403",
            "updateInmate          municipality  other  user/Inmate.u           404",
            "updateInmate          police        any    user/Inmate.u           404",
            "updateInmate          ngo           any    user/Inmate.u           404",
            "createInmate          prison        own    user/Inmate.c           201",
            "createInmate          prison        own    user/Inmate.rus         403",
            "createInmate          prison        other  user/Inmate.c           403",
            "createInmate          probation     any    user/Inmate.c           403",
            "createInmate          municipality  own    user/Inmate.c           403",
            "createInmate          police        any    user/Inmate.c           403",
            "createInmate          ngo           any    user/Inmate.c           403",
            "searchInmates         prison        own    user/Inmate.s           200+",
            "searchInmates         prison        other  user/Inmate.s           200-",
            "searchInmates         prison        own    user/Inmate.r           403",
            "searchInmates         probation     own    user/Inmate.s           200+",
            "searchInmates         probation     other  user/Inmate.s           200-",
            "searchInmates         municipality  own    user/Inmate.s           200+",
            "searchInmates         municipality  other  user/Inmate.s           200-",
            "searchInmates         police        any    user/Inmate.s           200-",
            "searchInmates         ngo           any    user/Inmate.s           200-",
            "searchInmates         auditor       any    user/Inmate.s           200-",
            "lookupInmatesByCpr    prison        own    user/Inmate.s           200+",
            "lookupInmatesByCpr    prison        other  user/Inmate.s           200-",
            "lookupInmatesByCpr    municipality  own    user/Inmate.s           200+",
            "lookupInmatesByCpr    municipality  other  user/Inmate.s           200-",
            "lookupInmatesByCpr    ngo           any    user/Inmate.s           200-",
            "lookupInmatesByCpr    police        any    user/Inmate.r           403",
            "createConsent         prison        own    user/Consent.c          201",
            "createConsent         prison        other  user/Consent.c          404",
            "createConsent         municipality  own    user/Consent.c          201",
            "createConsent         municipality  other  user/Consent.c          404",
            "createConsent         probation     own    user/Consent.c          403",
            "createConsent         ngo           any    user/Consent.c          403",
            "createConsent         prison        own    user/Consent.r          403",
            "searchConsents        prison        own    user/Consent.s          200+",
            "searchConsents        prison        other  user/Consent.s          200-",
            "searchConsents        municipality  own    user/Consent.s          200+",
            "searchConsents        ngo           any    user/Consent.s          200-",
            "searchConsents        prison        own    user/Consent.r          403",
            // Issue 26: every versioned resource has its _history, for those who read the resource.
            "readConsentHistory    prison        own    user/Consent.r          200",
            "readConsentHistory    prison        other  user/Consent.r          404",
            "readConsentHistory    municipality  own    user/Consent.r          200",
            "readConsentHistory    municipality  other  user/Consent.r          404",
            "readConsentHistory    ngo           any    user/Consent.r          404",
            "readConsentHistory    ngo           withdrawn user/Consent.r       404",
            "readConsentHistory    prison        own    user/Consent.s          403",
            "withdrawConsent       prison        own    user/Consent.u          200",
            "withdrawConsent       prison        other  user/Consent.u          404",
            "withdrawConsent       municipality  own    user/Consent.u          200",
            "withdrawConsent       ngo           any    user/Consent.u          404",
            "withdrawConsent       municipality  own    user/Consent.r          403",
            "createReferral        prison        own    user/Referral.c         201",
            "createReferral        prison        other  user/Referral.c         404",
            "createReferral        municipality  own    user/Referral.c         201",
            "createReferral        municipality  other  user/Referral.c         404",
            "createReferral        ngo           any    user/Referral.c         403",
            "createReferral        police        any    user/Referral.c         403",
            "createReferral        prison        own    user/Referral.s         403",
            "searchReferrals       prison        own    user/Referral.s         200+",
            "searchReferrals       prison        other  user/Referral.s         200-",
            "searchReferrals       municipality  own    user/Referral.s         200+",
            "searchReferrals       ngo           any    user/Referral.s         200-",
            "readReferralHistory   prison        own    user/Referral.r         200",
            "readReferralHistory   prison        other  user/Referral.r         404",
            "readReferralHistory   municipality  own    user/Referral.r         200",
            "readReferralHistory   municipality  other  user/Referral.r         404",
            "readReferralHistory   ngo           own    user/Referral.r         404",
            "readReferralHistory   ngo           withdrawn user/Referral.r      404",
            "readReferralHistory   police        any    user/Referral.r         404",
            "readReferralHistory   prison        own    user/Referral.s         403",
            "searchProgrammeReferrals ngo        own    user/Referral.s         200+",
            "searchProgrammeReferrals ngo        withdrawn user/Referral.s      200-",
            "searchProgrammeReferrals ngo        other  user/Referral.s         200-",
            "searchProgrammeReferrals prison     own    user/Referral.s         200-",
            "searchProgrammeReferrals ngo        own    user/Referral.r         403",
            "readProgrammeReferral ngo           own    user/Referral.r         200",
            "readProgrammeReferral ngo           withdrawn user/Referral.r      404",
            "readProgrammeReferral ngo           other  user/Referral.r         404",
            "readProgrammeReferral prison        own    user/Referral.r         404",
            "readProgrammeReferral municipality  own    user/Referral.r         404",
            "readProgrammeReferral ngo           own    user/Referral.s         403",
            "updateReferralStatus  ngo           own    user/Referral.u         200",
            "updateReferralStatus  ngo           withdrawn user/Referral.u      404",
            "updateReferralStatus  ngo           other  user/Referral.u         404",
            "updateReferralStatus  prison        own    user/Referral.u         403",
            "updateReferralStatus  ngo           own    user/Referral.r         403",
            // NGO notes: the programme's own, consent-checked like its referrals; authorities see only shared ones.
            "createNgoNote         ngo           own    user/Referral.c         201",
            "createNgoNote         ngo           withdrawn user/Referral.c      404",
            "createNgoNote         ngo           other  user/Referral.c         404",
            "createNgoNote         ngo           own    user/Referral.r         403",
            "createNgoNote         prison        own    user/Referral.c         403",
            "createNgoNote         municipality  own    user/Referral.c         403",
            "searchNgoNotes        ngo           own    user/Referral.s         200",
            "searchNgoNotes        ngo           withdrawn user/Referral.s      404",
            "searchNgoNotes        ngo           other  user/Referral.s         404",
            "searchNgoNotes        ngo           own    user/Referral.r         403",
            "searchNgoNotes        prison        own    user/Referral.s         404",
            "searchSharedNgoNotes  prison        own    user/Referral.s         200+",
            "searchSharedNgoNotes  prison        other  user/Referral.s         404",
            "searchSharedNgoNotes  municipality  own    user/Referral.s         200+",
            "searchSharedNgoNotes  municipality  other  user/Referral.s         404",
            "searchSharedNgoNotes  probation     other  user/Referral.s         404",
            "searchSharedNgoNotes  police        any    user/Referral.s         404",
            "searchSharedNgoNotes  ngo           any    user/Referral.s         404",
            "searchSharedNgoNotes  prison        own    user/Referral.r         403",
            // Outcomes (G1): the matrix inmate is released 4 months ago for these rows.
            "readOutcomes          prison        own    user/Outcome.r          200",
            "readOutcomes          prison        other  user/Outcome.r          404",
            "readOutcomes          municipality  own    user/Outcome.r          200",
            "readOutcomes          municipality  other  user/Outcome.r          404",
            "readOutcomes          probation     other  user/Outcome.r          404",
            "readOutcomes          police        any    user/Outcome.r          404",
            "readOutcomes          ngo           any    user/Outcome.r          404",
            "readOutcomes          municipality  own    user/Outcome.s          403",
            "readOutcomeHistory    municipality  own    user/Outcome.r          200",
            "readOutcomeHistory    municipality  other  user/Outcome.r          404",
            "readOutcomeHistory    prison        own    user/Outcome.r          200",
            "readOutcomeHistory    prison        other  user/Outcome.r          404",
            "readOutcomeHistory    police        any    user/Outcome.r          404",
            "readOutcomeHistory    ngo           any    user/Outcome.r          404",
            "readOutcomeHistory    municipality  own    user/Outcome.s          403",
            "recordOutcome         municipality  own    user/Outcome.c          201",
            "recordOutcome         municipality  other  user/Outcome.c          404",
            "recordOutcome         municipality  own    user/Outcome.r          403",
            "recordOutcome         prison        own    user/Outcome.c          403",
            "recordOutcome         probation     own    user/Outcome.c          403",
            "recordOutcome         police        any    user/Outcome.c          403",
            "recordOutcome         ngo           any    user/Outcome.c          403",
            // Public aggregates (suppressed small counts): the same for everyone, token or not.
            "readOutcomeStatistics ngo           any    user/Referral.r         200",
            "readOutcomeStatistics municipality  own    user/Outcome.r          200",
            "readNgoActivityStatistics police    any    user/Outcome.r          200",
            "readNgoActivityStatistics ngo       any    user/Referral.r         200",
            // Events (issue 14): an organisation's own subscriptions; "own" is the fixture's subscription of the
            // row's organisation, "other" another organisation's. The feed lists the inmate for those who see it.
            "createSubscription    municipality  own    user/Subscription.c     201",
            "createSubscription    prison        own    user/Subscription.c     201",
            "createSubscription    probation     own    user/Subscription.c     201",
            "createSubscription    police        any    user/Subscription.c     201",
            "createSubscription    ngo           any    user/Subscription.c     201",
            "createSubscription    auditor       any    user/Subscription.c     403",
            "createSubscription    operator      any    user/Subscription.c     403",
            "createSubscription    municipality  own    user/Subscription.r     403",
            "searchSubscriptions   municipality  own    user/Subscription.s     200",
            "searchSubscriptions   ngo           any    user/Subscription.s     200",
            "searchSubscriptions   auditor       any    user/Subscription.s     403",
            "searchSubscriptions   municipality  own    user/Subscription.r     403",
            "readSubscription      municipality  own    user/Subscription.r     200",
            "readSubscription      municipality  other  user/Subscription.r     404",
            "readSubscription      prison        own    user/Subscription.r     200",
            "readSubscription      prison        other  user/Subscription.r     404",
            "readSubscription      municipality  own    user/Subscription.s     403",
            "readSubscriptionHistory municipality own   user/Subscription.r     200",
            "readSubscriptionHistory municipality other user/Subscription.r     404",
            "readSubscriptionHistory prison      other  user/Subscription.r     404",
            "readSubscriptionHistory municipality own   user/Subscription.s     403",
            "deleteSubscription    municipality  own    user/Subscription.d     204",
            "deleteSubscription    municipality  other  user/Subscription.d     404",
            "deleteSubscription    municipality  own    user/Subscription.u     403",
            "rotateSubscriptionSecret municipality own  user/Subscription.u     200",
            "rotateSubscriptionSecret municipality other user/Subscription.u    404",
            "rotateSubscriptionSecret municipality own  user/Subscription.r     403",
            "searchDeliveries      municipality  own    user/Subscription.s     200",
            "searchDeliveries      municipality  other  user/Subscription.s     404",
            "searchDeliveries      municipality  own    user/Subscription.r     403",
            "redeliver             municipality  own    user/Subscription.u     202",
            "redeliver             municipality  other  user/Subscription.u     404",
            "redeliver             municipality  own    user/Subscription.r     403",
            "searchEvents          municipality  own    user/Subscription.s     200+",
            "searchEvents          municipality  other  user/Subscription.s     200-",
            "searchEvents          prison        own    user/Subscription.s     200+",
            "searchEvents          prison        other  user/Subscription.s     200-",
            "searchEvents          probation     own    user/Subscription.s     200+",
            "searchEvents          probation     other  user/Subscription.s     200-",
            "searchEvents          police        any    user/Subscription.s     200-",
            "searchEvents          ngo           any    user/Subscription.s     200-",
            "searchEvents          auditor       any    user/Subscription.s     403",
            "searchEvents          municipality  own    user/Subscription.r     403",
            // The municipality directory (R22): everyone reads it; only the municipality maintains its own entry.
            "searchMunicipalities  prison        own    user/Municipality.s     200",
            "searchMunicipalities  ngo           any    user/Municipality.s     200",
            "searchMunicipalities  prison        own    user/Municipality.r     403",
            "readMunicipality      police        any    user/Municipality.r     200",
            "readMunicipality      municipality  other  user/Municipality.r     200",
            "readMunicipality      prison        own    user/Municipality.s     403",
            "readMunicipalityHistory police      any    user/Municipality.r     200",
            "readMunicipalityHistory ngo         any    user/Municipality.r     200",
            "readMunicipalityHistory prison      own    user/Municipality.s     403",
            "updateMunicipality    municipality  own    user/Municipality.u     200",
            "updateMunicipality    municipality  other  user/Municipality.u     403",
            "updateMunicipality    prison        own    user/Municipality.u     403",
            "updateMunicipality    municipality  own    user/Municipality.r     403",
            "searchProgrammes      ngo           any    user/Programme.s        200",
            "searchProgrammes      municipality  own    user/Programme.s        200",
            "searchProgrammes      prison        own    user/Inmate.rs          403",
            "readProgramme         ngo           any    user/Programme.r        200",
            "readProgramme         police        any    user/Programme.r        200",
            "readProgramme         prison        own    user/Programme.s        403",
            "readProgrammeHistory  ngo           any    user/Programme.r        200",
            "readProgrammeHistory  municipality  own    user/Programme.r        200",
            "readProgrammeHistory  ngo           any    user/Programme.s        403",
            "updateProgramme       ngo           own    user/Programme.u        200",
            "updateProgramme       ngo           other  user/Programme.u        403",
            "updateProgramme       ngo           own    user/Programme.r        403",
            "updateProgramme       prison        own    user/Programme.u        403",
            "updateProgramme       municipality  own    user/Programme.u        403",
            "readProgrammeEligibility prison     own    user/Inmate.r           200",
            "readProgrammeEligibility prison     other  user/Inmate.r           404",
            "readProgrammeEligibility municipality own  user/Inmate.r           200",
            "readProgrammeEligibility municipality other user/Inmate.r          404",
            "readProgrammeEligibility probation  own    user/Inmate.r           200",
            "readProgrammeEligibility probation  other  user/Inmate.r           404",
            "readProgrammeEligibility ngo        any    user/Inmate.r           404",
            "readProgrammeEligibility police     any    user/Inmate.r           404",
            "readProgrammeEligibility prison     own    user/Programme.rs       403",
            "searchAuditEvents     auditor       any    user/AuditEvent.s       200",
            "searchAuditEvents     auditor       any    user/Inmate.rs          403",
            "searchAuditEvents     prison        own    user/AuditEvent.s       403",
            "searchAuditEvents     municipality  own    user/AuditEvent.s       403",
            "lookupAuditEventsByCpr auditor      any    user/AuditEvent.s       200",
            "lookupAuditEventsByCpr auditor      any    user/Inmate.rs          403",
            "lookupAuditEventsByCpr prison       own    user/AuditEvent.s       403",
            "lookupAuditEventsByCpr municipality own    user/AuditEvent.s       403",
            "getCapabilities       ngo           any    user/Referral.r         200",
            "readReadingLog        prison        own    user/Inmate.r           200",
            "readReadingLog        prison        other  user/Inmate.r           404",
            "readReadingLog        prison        own    user/ActionPlan.r       403",
            "readReadingLog        municipality  own    user/Inmate.r           404",
            "readReadingLog        ngo           any    user/Inmate.r           404",
            "readReadingLog        auditor       any    user/AuditEvent.s       200",
            "readReadingLog        auditor       any    user/Inmate.r           403",
            // Issue 17: the matrix sends restricted: false, so the matrix inmate stays visible to the other rows.
            "readRestriction       prison        own    user/Inmate.r           200",
            "readRestriction       prison        other  user/Inmate.r           404",
            "readRestriction       prison        own    user/Inmate.s           403",
            "readRestriction       municipality  own    user/Inmate.r           200",
            "readRestriction       municipality  other  user/Inmate.r           404",
            "readRestriction       probation     own    user/Inmate.r           200",
            "readRestriction       police        any    user/Inmate.r           404",
            "readRestriction       ngo           any    user/Inmate.r           404",
            "exportSubjectAccess   prison        own    user/Inmate.r           200",
            "exportSubjectAccess   prison        other  user/Inmate.r           404",
            "exportSubjectAccess   prison        own    user/ActionPlan.r       403",
            "exportSubjectAccess   municipality  own    user/Inmate.r           404",
            "exportSubjectAccess   probation     own    user/Inmate.r           404",
            "exportSubjectAccess   police        any    user/Inmate.r           404",
            "exportSubjectAccess   ngo           any    user/Inmate.r           404",
            "exportSubjectAccess   auditor       any    user/AuditEvent.s       200",
            "exportSubjectAccess   auditor       any    user/Inmate.r           403",
            "listInformationNotices prison       own    user/Inmate.r           200",
            "listInformationNotices prison       other  user/Inmate.r           404",
            "listInformationNotices municipality own    user/Inmate.r           200",
            "listInformationNotices municipality other  user/Inmate.r           404",
            "listInformationNotices ngo          any    user/Inmate.r           404",
            "listInformationNotices prison       own    user/Inmate.s           403",
            "recordInformationNotice prison      own    user/Inmate.u           201",
            "recordInformationNotice prison      other  user/Inmate.u           404",
            "recordInformationNotice prison      own    user/Inmate.r           403",
            "recordInformationNotice municipality own   user/Inmate.u           403",
            "recordInformationNotice police      any    user/Inmate.u           404",
            "readLegalHold         prison        own    user/Inmate.r           200",
            "readLegalHold         prison        other  user/Inmate.r           404",
            "readLegalHold         municipality  own    user/Inmate.r           200",
            "readLegalHold         municipality  own    user/Inmate.s           403",
            "readLegalHold         police        any    user/Inmate.r           404",
            "readLegalHold         ngo           any    user/Inmate.r           404",
            "readLegalHold         auditor       any    user/RetentionRun.r     200",
            "readLegalHold         auditor       any    user/AuditEvent.s       403",
            "setLegalHold          auditor       any    user/RetentionRun.u     200",
            "setLegalHold          auditor       any    user/RetentionRun.r     403",
            "setLegalHold          prison        own    user/Inmate.u           200  manager",
            "setLegalHold          prison        own    user/Inmate.u           403",
            "setLegalHold          prison        other  user/Inmate.u           404  manager",
            "setLegalHold          municipality  own    user/Inmate.u           403  manager",
            "setLegalHold          ngo           any    user/Inmate.u           404  manager",
            "listRetentionRuns     auditor       any    user/RetentionRun.s     200",
            "listRetentionRuns     operator      any    user/RetentionRun.s     200",
            "listRetentionRuns     auditor       any    user/AuditEvent.s       403",
            "listRetentionRuns     prison        own    user/RetentionRun.s     403",
            "listRetentionRuns     municipality  own    user/RetentionRun.s     403",
            "runRetention          operator      any    user/RetentionRun.c     201",
            "runRetention          operator      any    user/RetentionRun.s     403",
            "runRetention          auditor       any    user/RetentionRun.c     403",
            "runRetention          prison        own    user/RetentionRun.c     403",
            "readGangExitCaseHistory prison      own    user/Inmate.r           200  exit-unit",
            "readGangExitCaseHistory prison      own    user/Inmate.r           404",
            "readGangExitCaseHistory prison      other  user/Inmate.r           404  exit-unit",
            "readGangExitCaseHistory municipality own   user/Inmate.r           200  exit-unit",
            "readGangExitCaseHistory municipality other user/Inmate.r           404  exit-unit",
            "readGangExitCaseHistory police      own    user/Inmate.r           200  exit-unit",
            "readGangExitCaseHistory police      other  user/Inmate.r           404  exit-unit",
            "readGangExitCaseHistory probation   own    user/Inmate.r           404  exit-unit",
            "readGangExitCaseHistory ngo         any    user/Inmate.r           404  exit-unit",
            "readGangExitCaseHistory prison      own    user/Inmate.s           403  exit-unit",
            "readGangExitCase      prison        own    user/Inmate.r           200  exit-unit",
            "readGangExitCase      prison        own    user/Inmate.r           404",
            "readGangExitCase      prison        other  user/Inmate.r           404  exit-unit",
            "readGangExitCase      prison        own    user/Inmate.s           403  exit-unit",
            "readGangExitCase      municipality  own    user/Inmate.r           200  exit-unit",
            "readGangExitCase      municipality  own    user/Inmate.r           404",
            "readGangExitCase      municipality  other  user/Inmate.r           404  exit-unit",
            "readGangExitCase      police        own    user/Inmate.r           200  exit-unit",
            "readGangExitCase      police        own    user/Inmate.r           404",
            "readGangExitCase      police        other  user/Inmate.r           404  exit-unit",
            "readGangExitCase      probation     own    user/Inmate.r           404  exit-unit",
            "readGangExitCase      ngo           any    user/Inmate.r           404  exit-unit",
            "readGangExitCase      auditor       any    user/Inmate.r           404  exit-unit",
            "listGangExitCases     prison        own    user/Inmate.s           200+ exit-unit",
            "listGangExitCases     prison        own    user/Inmate.s           200-",
            "listGangExitCases     prison        other  user/Inmate.s           200- exit-unit",
            "listGangExitCases     municipality  own    user/Inmate.s           200+ exit-unit",
            "listGangExitCases     police        own    user/Inmate.s           200+ exit-unit",
            "listGangExitCases     police        other  user/Inmate.s           200- exit-unit",
            "listGangExitCases     ngo           any    user/Inmate.s           200- exit-unit",
            "listGangExitCases     police        own    user/Inmate.r           403  exit-unit",
            "recordGangExitCase    prison        own    user/Inmate.u           200  exit-unit",
            "recordGangExitCase    prison        own    user/Inmate.u           404",
            "recordGangExitCase    prison        other  user/Inmate.u           404  exit-unit",
            "recordGangExitCase    prison        own    user/Inmate.r           403  exit-unit",
            "recordGangExitCase    municipality  own    user/Inmate.u           200  exit-unit",
            "recordGangExitCase    municipality  other  user/Inmate.u           404  exit-unit",
            "recordGangExitCase    police        own    user/Inmate.u           404  exit-unit",
            "recordGangExitCase    ngo           any    user/Inmate.u           404  exit-unit",
            "addGangExitNote       prison        own    user/Inmate.u           201  exit-unit",
            "addGangExitNote       municipality  own    user/Inmate.u           201  exit-unit",
            "addGangExitNote       police        own    user/Inmate.u           201  exit-unit",
            "addGangExitNote       police        other  user/Inmate.u           404  exit-unit",
            "addGangExitNote       prison        own    user/Inmate.u           404",
            "addGangExitNote       municipality  other  user/Inmate.u           404  exit-unit",
            "addGangExitNote       ngo           any    user/Inmate.u           404  exit-unit",
            "addGangExitNote       prison        own    user/Inmate.r           403  exit-unit",
            "setRestriction        prison        own    user/Inmate.u           200  manager",
            "setRestriction        prison        own    user/Inmate.u           403",
            "setRestriction        prison        own    user/Inmate.r           403  manager",
            "setRestriction        prison        other  user/Inmate.u           404  manager",
            "setRestriction        municipality  own    user/Inmate.u           403  manager",
            "setRestriction        ngo           any    user/Inmate.u           404  manager",
            "setRestriction        auditor       any    user/Inmate.u           404  manager",
            "createClient          operator      any    user/Client.c           201",
            "createClient          operator      any    user/Client.r           403",
            "createClient          prison        own    user/Client.c           403",
            "createClient          auditor       any    user/Client.c           403",
            "searchClients         operator      any    user/Client.s           200",
            "searchClients         municipality  own    user/Client.s           403",
            "readClient            operator      any    user/Client.r           200",
            "readClient            operator      any    user/Client.s           403",
            "readClient            prison        own    user/Client.r           403",
            "updateClient          operator      any    user/Client.u           200",
            "updateClient          operator      any    user/Client.r           403",
            "updateClient          municipality  own    user/Client.u           403",
            // Issue 27 §3: the organisation's client-admin reads its clients and approves them.
            "searchClients         municipality  own    user/Client.s           200  client-admin",
            "readClient            municipality  own    user/Client.r           200  client-admin",
            "readClient            municipality  other  user/Client.r           404  client-admin",
            "readClientHistory     operator      any    user/Client.r           200",
            "readClientHistory     operator      any    user/Client.s           403",
            "readClientHistory     prison        own    user/Client.r           403",
            "readClientHistory     municipality  own    user/Client.r           200  client-admin",
            "readClientHistory     municipality  other  user/Client.r           404  client-admin",
            "approveClient         municipality  own    user/Client.u           200  client-admin",
            "approveClient         municipality  own    user/Client.u           403",
            "approveClient         municipality  own    user/Client.r           403  client-admin",
            "approveClient         municipality  other  user/Client.u           404  client-admin",
            "approveClient         prison        any    user/Client.u           404  client-admin",
            "approveClient         operator      any    user/Client.u           403",
            "readSmartConfiguration ngo          any    user/Referral.r         200",
            "readAuthorizationServerMetadata ngo any    user/Referral.r         200",
            "requestToken          prison        own    user/Inmate.r           400",
            "createActionPlan      prison        own    user/ActionPlan.c       201",
            "createActionPlan      prison        own    user/Inmate.cruds       403",
            "createActionPlan      prison        other  user/ActionPlan.c       400",
            "createActionPlan      municipality  own    user/ActionPlan.c       403",
            "createActionPlan      municipality  other  user/ActionPlan.c       400",
            "createActionPlan      police        any    user/ActionPlan.c       400",
            "createActionPlan      ngo           any    user/ActionPlan.c       400",
            "readActionPlan        prison        own    user/ActionPlan.r       200",
            "readActionPlan        prison        other  user/ActionPlan.r       404",
            "readActionPlan        probation     own    user/ActionPlan.r       200",
            "readActionPlan        probation     other  user/ActionPlan.r       404",
            "readActionPlan        municipality  own    user/ActionPlan.r       200",
            "readActionPlan        municipality  other  user/ActionPlan.r       404",
            "readActionPlan        municipality  own    user/Inmate.r           403",
            "readActionPlan        police        any    user/ActionPlan.r       404",
            "readActionPlan        ngo           any    user/ActionPlan.r       404",
            "readActionPlanHistory prison        own    user/ActionPlan.r       200",
            "readActionPlanHistory municipality  other  user/ActionPlan.r       404",
            "readActionPlanHistory ngo           any    user/ActionPlan.r       404",
            "readActionPlanVersion municipality  own    user/ActionPlan.r       200",
            "readActionPlanVersion prison        other  user/ActionPlan.r       404",
            "searchActionPlans     prison        own    user/ActionPlan.s       200+",
            "searchActionPlans     prison        other  user/ActionPlan.s       200-",
            "searchActionPlans     municipality  own    user/ActionPlan.s       200+",
            "searchActionPlans     municipality  other  user/ActionPlan.s       200-",
            "searchActionPlans     police        any    user/ActionPlan.s       200-",
            "searchActionPlans     ngo           any    user/ActionPlan.r       403",
            "updateActionPlan      prison        own    user/ActionPlan.u       200",
            "updateActionPlan      prison        other  user/ActionPlan.u       404",
            "updateActionPlan      municipality  own    user/ActionPlan.u       200",
            "updateActionPlan      municipality  other  user/ActionPlan.u       404",
            "updateActionPlan      probation     own    user/ActionPlan.u       403",
            "updateActionPlan      probation     other  user/ActionPlan.u       404",
            "updateActionPlan      police        any    user/ActionPlan.u       404",
            "updateActionPlan      municipality  own    user/ActionPlan.r       403",
            "readObligations       prison        own    user/ActionPlan.r       200",
            "readObligations       prison        other  user/ActionPlan.r       404",
            "readObligations       probation     own    user/ActionPlan.r       200",
            "readObligations       probation     other  user/ActionPlan.r       404",
            "readObligations       municipality  own    user/ActionPlan.r       200",
            "readObligations       municipality  other  user/ActionPlan.r       404",
            "readObligations       police        any    user/ActionPlan.r       404",
            "readObligations       ngo           any    user/ActionPlan.r       404",
            "readObligations       prison        own    user/Inmate.r           403",
            "recordFulfilment      prison        own    user/ActionPlan.u       201",
            "recordFulfilment      prison        other  user/ActionPlan.u       404",
            "recordFulfilment      municipality  own    user/ActionPlan.u       201",
            "recordFulfilment      municipality  other  user/ActionPlan.u       404",
            "recordFulfilment      probation     own    user/ActionPlan.u       403",
            "recordFulfilment      probation     other  user/ActionPlan.u       404",
            "recordFulfilment      ngo           any    user/ActionPlan.u       404",
            "recordFulfilment      prison        own    user/ActionPlan.r       403",
            "readWorklist          prison        own    user/ActionPlan.s       200+",
            "readWorklist          prison        other  user/ActionPlan.s       200-",
            "readWorklist          probation     own    user/ActionPlan.s       200+",
            "readWorklist          probation     other  user/ActionPlan.s       200-",
            "readWorklist          municipality  invited user/ActionPlan.s      200+",
            "readWorklist          municipality  own    user/ActionPlan.s       200+",
            "readWorklist          municipality  other  user/ActionPlan.s       200-",
            "readWorklist          police        any    user/ActionPlan.s       200-",
            "readWorklist          ngo           any    user/ActionPlan.s       200-",
            "readWorklist          municipality  own    user/ActionPlan.r       403",
            "recordRadicalisationConcern prison  own    user/Inmate.u           200  security-unit",
            "recordRadicalisationConcern prison  own    user/Inmate.u           403",
            "recordRadicalisationConcern prison  other  user/Inmate.u           404  security-unit",
            "recordRadicalisationConcern prison  own    user/Inmate.r           403  security-unit",
            "recordRadicalisationConcern municipality own user/Inmate.u         403  security-unit",
            "recordRadicalisationConcern police  any    user/Inmate.u           403",
            "clearRadicalisationConcern  prison  own    user/Inmate.u           204  security-unit",
            "clearRadicalisationConcern  prison  other  user/Inmate.u           404  security-unit",
            "clearRadicalisationConcern  municipality own user/Inmate.u         403",
            "clearRadicalisationConcern  ngo     any    user/Inmate.u           403",
            "createLsRnrAssessment prison        own    user/LsRnrAssessment.c  201",
            "createLsRnrAssessment prison        own    user/Inmate.cruds       403",
            "createLsRnrAssessment prison        other  user/LsRnrAssessment.c  400",
            "createLsRnrAssessment probation     any    user/LsRnrAssessment.c  403",
            "createLsRnrAssessment municipality  own    user/LsRnrAssessment.c  403",
            "createLsRnrAssessment ngo           any    user/LsRnrAssessment.c  403",
            "readLsRnrAssessment   prison        own    user/LsRnrAssessment.r  200",
            "readLsRnrAssessment   prison        other  user/LsRnrAssessment.r  404",
            "readLsRnrAssessment   probation     own    user/LsRnrAssessment.r  200",
            "readLsRnrAssessment   probation     other  user/LsRnrAssessment.r  404",
            "readLsRnrAssessment   municipality  own    user/LsRnrAssessment.r  404",
            "readLsRnrAssessment   police        any    user/LsRnrAssessment.r  404",
            "readLsRnrAssessment   ngo           any    user/LsRnrAssessment.r  404",
            "readLsRnrAssessment   ngo           any    user/Referral.rs        403",
            "readLsRnrAssessmentHistory prison   own    user/LsRnrAssessment.r  200",
            "readLsRnrAssessmentHistory municipality own user/LsRnrAssessment.r 404",
            "searchLsRnrAssessments prison       own    user/LsRnrAssessment.s  200+",
            "searchLsRnrAssessments probation    own    user/LsRnrAssessment.s  200+",
            "searchLsRnrAssessments probation    other  user/LsRnrAssessment.s  200-",
            "searchLsRnrAssessments municipality own    user/LsRnrAssessment.s  200-",
            "searchLsRnrAssessments ngo          any    user/LsRnrAssessment.s  200-",
            "updateLsRnrAssessment prison        own    user/LsRnrAssessment.u  200",
            "updateLsRnrAssessment prison        other  user/LsRnrAssessment.u  404",
            "updateLsRnrAssessment probation     own    user/LsRnrAssessment.u  403",
            "updateLsRnrAssessment probation     other  user/LsRnrAssessment.u  404",
            "updateLsRnrAssessment municipality  own    user/LsRnrAssessment.u  404",
            "createHandover        prison        own    user/Handover.c         201",
            "createHandover        prison        own    user/Inmate.cruds       403",
            "createHandover        prison        other  user/Handover.c         400",
            "createHandover        municipality  own    user/Handover.c         403",
            "createHandover        ngo           any    user/Handover.c         403",
            "readHandover          prison        own    user/Handover.r         200",
            "readHandover          prison        other  user/Handover.r         404",
            "readHandover          municipality  own    user/Handover.r         200",
            "readHandover          municipality  other  user/Handover.r         404",
            "readHandover          municipality  own    user/Inmate.rs          403",
            "readHandover          probation     any    user/Handover.r         404",
            "readHandover          police        any    user/Handover.r         404",
            "readHandover          ngo           any    user/Handover.r         404",
            "searchHandovers       prison        own    user/Handover.s         200+",
            "searchHandovers       municipality  own    user/Handover.s         200+",
            "searchHandovers       municipality  other  user/Handover.s         200-",
            "searchHandovers       ngo           any    user/Handover.s         200-",
            "approveHandover       prison        own    user/Handover.u         200  lsrnr-certified",
            "approveHandover       prison        own    user/Handover.u         403",
            "approveHandover       prison        other  user/Handover.u         404  lsrnr-certified",
            "approveHandover       municipality  own    user/Handover.u         404",
            "approveHandover       prison        own    user/Handover.r         403  lsrnr-certified",
            "acknowledgeHandover   municipality  own    user/Handover.u         200",
            "acknowledgeHandover   municipality  other  user/Handover.u         404",
            "acknowledgeHandover   prison        own    user/Handover.u         403",
            "acknowledgeHandover   ngo           any    user/Handover.u         403",
            "getHandoverSigningKeys ngo          any    user/Referral.r         200",
            // Supervision (R10, seed §3.3.3): "own" probation is kif-sjaelland, which the fixture assigns to
            // supervise the inmate; "other" is kif-fyn.
            "readSupervision       prison        own    user/Inmate.r           200",
            "readSupervision       prison        other  user/Inmate.r           404",
            "readSupervision       prison        own    user/Inmate.s           403",
            "readSupervision       municipality  own    user/Inmate.r           200",
            "readSupervision       municipality  other  user/Inmate.r           404",
            "readSupervision       probation     own    user/Inmate.r           200",
            "readSupervision       probation     other  user/Inmate.r           404",
            "readSupervision       police        any    user/Inmate.r           404",
            "readSupervision       ngo           any    user/Inmate.r           404",
            "readSupervision       auditor       any    user/Inmate.r           404",
            "readSupervisionHistory prison       own    user/Inmate.r           200",
            "readSupervisionHistory probation    own    user/Inmate.r           200",
            "readSupervisionHistory probation    other  user/Inmate.r           404",
            "readSupervisionHistory ngo          any    user/Inmate.r           404",
            "recordSupervision     prison        own    user/Inmate.u           200",
            "recordSupervision     prison        own    user/Inmate.r           403",
            "recordSupervision     prison        other  user/Inmate.u           404",
            "recordSupervision     probation     own    user/Inmate.u           200",
            "recordSupervision     probation     other  user/Inmate.u           404",
            "recordSupervision     municipality  own    user/Inmate.u           403",
            "recordSupervision     municipality  other  user/Inmate.u           404",
            "recordSupervision     police        any    user/Inmate.u           404",
            "recordSupervision     ngo           any    user/Inmate.u           404",
            // Release meetings (R10): the fixture's meeting, called by the institution, invites municipality 461
            // ("invited") besides the institution, the acting municipality and the supervising kif-sjaelland.
            "createReleaseMeeting  prison        own    user/ReleaseMeeting.c   201",
            "createReleaseMeeting  prison        own    user/ReleaseMeeting.r   403",
            "createReleaseMeeting  prison        other  user/ReleaseMeeting.c   400",
            "createReleaseMeeting  municipality  own    user/ReleaseMeeting.c   403",
            "createReleaseMeeting  probation     own    user/ReleaseMeeting.c   403",
            "createReleaseMeeting  police        any    user/ReleaseMeeting.c   403",
            "createReleaseMeeting  ngo           any    user/ReleaseMeeting.c   403",
            "readReleaseMeeting    prison        own    user/ReleaseMeeting.r   200",
            "readReleaseMeeting    prison        own    user/ReleaseMeeting.s   403",
            "readReleaseMeeting    prison        other  user/ReleaseMeeting.r   404",
            "readReleaseMeeting    municipality  own    user/ReleaseMeeting.r   200",
            "readReleaseMeeting    municipality  other  user/ReleaseMeeting.r   404",
            "readReleaseMeeting    municipality  invited user/ReleaseMeeting.r  200",
            "readReleaseMeeting    probation     own    user/ReleaseMeeting.r   200",
            "readReleaseMeeting    probation     other  user/ReleaseMeeting.r   404",
            "readReleaseMeeting    police        any    user/ReleaseMeeting.r   404",
            "readReleaseMeeting    ngo           any    user/ReleaseMeeting.r   404",
            "readReleaseMeeting    auditor       any    user/ReleaseMeeting.r   404",
            "readReleaseMeetingHistory prison    own    user/ReleaseMeeting.r   200",
            "readReleaseMeetingHistory municipality other user/ReleaseMeeting.r 404",
            "readReleaseMeetingHistory ngo       any    user/ReleaseMeeting.r   404",
            "searchReleaseMeetings prison        own    user/ReleaseMeeting.s   200+",
            "searchReleaseMeetings prison        own    user/ReleaseMeeting.r   403",
            "searchReleaseMeetings prison        other  user/ReleaseMeeting.s   200-",
            "searchReleaseMeetings municipality  own    user/ReleaseMeeting.s   200+",
            "searchReleaseMeetings municipality  other  user/ReleaseMeeting.s   200-",
            "searchReleaseMeetings municipality  invited user/ReleaseMeeting.s  200+",
            "searchReleaseMeetings probation     own    user/ReleaseMeeting.s   200+",
            "searchReleaseMeetings probation     other  user/ReleaseMeeting.s   200-",
            "searchReleaseMeetings police        any    user/ReleaseMeeting.s   200-",
            "searchReleaseMeetings ngo           any    user/ReleaseMeeting.s   200-",
            "updateReleaseMeeting  prison        own    user/ReleaseMeeting.u   200",
            "updateReleaseMeeting  prison        own    user/ReleaseMeeting.r   403",
            "updateReleaseMeeting  prison        other  user/ReleaseMeeting.u   404",
            "updateReleaseMeeting  municipality  own    user/ReleaseMeeting.u   403",
            "updateReleaseMeeting  municipality  invited user/ReleaseMeeting.u  403",
            "updateReleaseMeeting  probation     own    user/ReleaseMeeting.u   403",
            "updateReleaseMeeting  police        any    user/ReleaseMeeting.u   404",
            // KSP: the forum's secretariat is kif-sjaelland, its police district koebenhavn, its members
            // municipality 147 and institution matrix-prison, all taking part in the meeting; "other" is
            // an organisation of the same type outside the forum.
            "createKspForum        probation     any    user/KspList.c          201",
            "createKspForum        probation     any    user/KspList.rus        403",
            "createKspForum        municipality  own    user/KspList.c          403",
            "createKspForum        police        any    user/KspList.c          403",
            "createKspForum        ngo           any    user/KspList.c          403",
            "readKspForum          probation     any    user/KspList.r          200",
            "readKspForum          probation     other  user/KspList.r          404",
            "readKspForum          municipality  own    user/KspList.r          200",
            "readKspForum          municipality  other  user/KspList.r          404",
            "readKspForum          municipality  own    user/KspList.s          403",
            "readKspForum          police        any    user/KspList.r          200",
            "readKspForum          police        other  user/KspList.r          404",
            "readKspForum          prison        own    user/KspList.r          200",
            "readKspForum          prison        other  user/KspList.r          404",
            "readKspForum          ngo           any    user/KspList.r          404",
            "searchKspForums       probation     any    user/KspList.s          200+",
            "searchKspForums       probation     other  user/KspList.s          200-",
            "searchKspForums       municipality  own    user/KspList.s          200+",
            "searchKspForums       municipality  other  user/KspList.s          200-",
            "searchKspForums       police        any    user/KspList.s          200+",
            "searchKspForums       police        other  user/KspList.s          200-",
            "searchKspForums       ngo           any    user/KspList.s          200-",
            "searchKspForums       prison        own    user/KspList.r          403",
            "createKspMeeting      probation     any    user/KspList.c          201",
            "createKspMeeting      probation     other  user/KspList.c          400",
            "createKspMeeting      probation     any    user/KspList.r          403",
            "createKspMeeting      municipality  own    user/KspList.c          403",
            "createKspMeeting      police        any    user/KspList.c          403",
            "createKspMeeting      ngo           any    user/KspList.c          400",
            "readKspMeeting        probation     any    user/KspList.r          200",
            "readKspMeeting        probation     other  user/KspList.r          404",
            "readKspMeeting        municipality  own    user/KspList.r          200",
            "readKspMeeting        municipality  other  user/KspList.r          404",
            "readKspMeeting        municipality  own    user/KspList.s          403",
            "readKspMeeting        police        any    user/KspList.r          200",
            "readKspMeeting        police        other  user/KspList.r          404",
            "readKspMeeting        prison        own    user/KspList.r          200",
            "readKspMeeting        prison        other  user/KspList.r          404",
            "readKspMeeting        ngo           any    user/KspList.r          404",
            "readKspMeeting        auditor       any    user/KspList.r          404",
            "searchKspMeetings     probation     any    user/KspList.s          200+",
            "searchKspMeetings     probation     other  user/KspList.s          200-",
            "searchKspMeetings     municipality  own    user/KspList.s          200+",
            "searchKspMeetings     municipality  other  user/KspList.s          200-",
            "searchKspMeetings     police        any    user/KspList.s          200+",
            "searchKspMeetings     police        other  user/KspList.s          200-",
            "searchKspMeetings     prison        other  user/KspList.s          200-",
            "searchKspMeetings     ngo           any    user/KspList.s          200-",
            "searchKspMeetings     police        any    user/KspList.r          403",
            "readKspList           probation     any    user/KspList.r          200",
            "readKspList           probation     other  user/KspList.r          404",
            "readKspList           municipality  own    user/KspList.r          200",
            "readKspList           municipality  other  user/KspList.r          404",
            "readKspList           municipality  own    user/Inmate.rs          403",
            "readKspList           police        any    user/KspList.r          200",
            "readKspList           police        other  user/KspList.r          404",
            "readKspList           prison        own    user/KspList.r          200",
            "readKspList           prison        other  user/KspList.r          404",
            "readKspList           ngo           any    user/KspList.r          404",
            "readKspList           ngo           any    user/Referral.rs        403",
            "readKspList           auditor       any    user/KspList.r          404",
            "publishKspList        probation     any    user/KspList.u          200",
            "publishKspList        probation     any    user/KspList.r          403",
            "publishKspList        probation     other  user/KspList.u          404",
            "publishKspList        municipality  own    user/KspList.u          403",
            "publishKspList        police        any    user/KspList.u          403",
            "publishKspList        prison        own    user/KspList.u          403",
            "publishKspList        ngo           any    user/KspList.u          404",
            "readKspListHistory    probation     any    user/KspList.r          200",
            "readKspListHistory    municipality  own    user/KspList.r          200",
            "readKspListHistory    municipality  other  user/KspList.r          404",
            "readKspListHistory    police        other  user/KspList.r          404",
            "readKspListHistory    ngo           any    user/KspList.r          404",
            "readKspListVersion    police        any    user/KspList.r          200",
            "readKspListVersion    police        other  user/KspList.r          404",
            "readKspListVersion    prison        other  user/KspList.r          404",
            "readKspListVersion    municipality  own    user/KspList.s          403",
            "diffKspList           municipality  own    user/KspList.r          200",
            "diffKspList           municipality  other  user/KspList.r          404",
            "diffKspList           ngo           any    user/KspList.r          404",
            "createKspProposal     municipality  own    user/KspList.c          201",
            "createKspProposal     municipality  other  user/KspList.c          404",
            "createKspProposal     municipality  own    user/KspList.r          403",
            "createKspProposal     police        any    user/KspList.c          201",
            "createKspProposal     police        other  user/KspList.c          404",
            "createKspProposal     prison        own    user/KspList.c          201",
            "createKspProposal     ngo           any    user/KspList.c          404",
            "searchKspProposals    probation     any    user/KspList.s          200+",
            "searchKspProposals    municipality  own    user/KspList.s          200+",
            "searchKspProposals    police        any    user/KspList.s          200-",
            "searchKspProposals    municipality  other  user/KspList.s          404",
            "searchKspProposals    ngo           any    user/KspList.s          404",
            "searchKspProposals    municipality  own    user/KspList.r          403",
            "decideKspProposal     probation     any    user/KspList.u          200",
            "decideKspProposal     probation     any    user/KspList.c          403",
            "decideKspProposal     probation     other  user/KspList.u          404",
            "decideKspProposal     municipality  own    user/KspList.u          403",
            "decideKspProposal     municipality  other  user/KspList.u          404",
            "decideKspProposal     police        any    user/KspList.u          403",
            "decideKspProposal     ngo           any    user/KspList.u          404",
            "recordKspExchange     probation     any    user/KspList.c          201",
            "recordKspExchange     prison        own    user/KspList.c          201",
            "recordKspExchange     prison        other  user/KspList.c          404",
            // Issue 12: a prison at the meeting, but not the person's institution, never writes on its plan (R19).
            "recordKspExchange     prison        participant user/KspList.c     403",
            "recordKspExchange     municipality  own    user/KspList.c          403",
            "recordKspExchange     police        any    user/KspList.c          403",
            "recordKspExchange     ngo           any    user/KspList.c          404",
            "recordKspExchange     probation     any    user/KspList.r          403",
            "searchKspExchanges    probation     any    user/KspList.s          200+",
            "searchKspExchanges    prison        own    user/KspList.s          200+",
            "searchKspExchanges    prison        other  user/KspList.s          404",
            "searchKspExchanges    municipality  own    user/KspList.s          403",
            "searchKspExchanges    police        any    user/KspList.s          403",
            "searchKspExchanges    ngo           any    user/KspList.s          404",
    };

    record Row(String operation, String orgType, String whose, String scope, String expected, String roles) {
        static Row parse(String line) {
            String[] f = line.trim().split("\\s+");
            return new Row(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5] : "");
        }

        String orgId() {
            boolean own = whose.equals("own");
            return switch (orgType) {
                case "prison" -> own ? INSTITUTION : whose.equals("participant") ? PARTICIPANT_PRISON : "other-prison";
                case "municipality" -> own ? MUNICIPALITY : whose.equals("invited") ? INVITED_MUNICIPALITY : "101";
                case "probation" -> whose.equals("other") ? "kif-fyn" : "kif-sjaelland";
                case "police" -> whose.equals("other") ? "fyn" : "koebenhavn";
                case "ngo" -> whose.equals("other") ? "roede-kors-kickstart" : "roede-kors-primus-motor";
                default -> "datatilsynet";
            };
        }

        @Override
        public String toString() {
            return operation + " by " + whose + " " + orgType + " with " + scope + (roles.isEmpty() ? "" : " as " + roles)
                    + " -> " + expected;
        }
    }

    static Stream<Row> rows() {
        return Arrays.stream(MATRIX).map(Row::parse);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyOrganisationSeesExactlyWhatTheRulesAllow(Row row) {
        InmateBuilder inmate = anInmate().inInstitution(INSTITUTION).inMunicipality(MUNICIPALITY);
        if (row.operation().endsWith("Outcomes") || row.operation().equals("recordOutcome")
                || row.operation().equals("readOutcomeHistory")) {
            String released = java.time.LocalDate.now().minusMonths(4).toString();
            inmate.with("custodyStatus", "released").with("expectedParoleDate", null).with("expectedReleaseDate", released)
                    .with("actualReleaseDate", released).with("sentenceStart", "2025-06-01").with("sentenceLengthDays", 200);
        }
        JsonNode created = create(inmate);
        String id = created.get("id").asText();
        String token = row.roles().isEmpty() ? Tokens.token(row.orgType(), row.orgId(), row.scope())
                : Tokens.token(row.orgType(), row.orgId(), row.scope(), row.roles().split(","));
        Api api = api();

        String planId = null;
        Map<String, Object> plan = Map.of("inmateId", id, "sentenceStart", "2026-03-01",
                "interventions", Map.of("description", "Behandling"));
        if (row.operation().contains("ActionPlan") && !row.operation().equals("createActionPlan")) {
            var made = api.post("/api/v1/action-plans", Tokens.token("prison", INSTITUTION, "user/ActionPlan.c"), plan);
            assertEquals(201, made.status(), made.body());
            planId = made.json().get("id").asText();
        }
        boolean municipal = row.orgType().equals("municipality");
        Map<String, Object> assessment = Map.of("inmateId", id, "assessedOn", "2026-03-05", "assessor", "Test Assessor",
                "riskLevel", "high", "needs", java.util.List.of(Map.of("domain", "companions", "score", 6, "level", "high")));
        String assessmentId = null;
        if (row.operation().contains("LsRnr") && !row.operation().equals("createLsRnrAssessment")) {
            var made = api.post("/api/v1/lsrnr-assessments", Tokens.token("prison", INSTITUTION, "user/LsRnrAssessment.c"), assessment);
            assertEquals(201, made.status(), made.body());
            assessmentId = made.json().get("id").asText();
        }
        String handoverId = null;
        if (row.operation().contains("Handover") && !row.operation().equals("getHandoverSigningKeys")) {
            String maker = Tokens.token("prison", INSTITUTION, "user/LsRnrAssessment.c user/ActionPlan.c user/Handover.cu",
                    "lsrnr-certified");
            assertEquals(201, api.post("/api/v1/lsrnr-assessments", maker, assessment).status());
            assertEquals(201, api.post("/api/v1/action-plans", maker, plan).status());
            if (!row.operation().equals("createHandover")) {
                handoverId = api.post("/api/v1/handovers", maker, Map.of("inmateId", id)).json().get("id").asText();
                if (!row.operation().equals("approveHandover")) {
                    assertEquals(200, api.post("/api/v1/handovers/" + handoverId + "/approval", maker, Map.of()).status());
                }
            }
        }
        // R15: the person's gang-exit case, opened by the institution's exit unit with the police district koebenhavn.
        if (row.operation().contains("GangExit") && !row.operation().equals("recordGangExitCase")) {
            var opened = api.put("/api/v1/inmates/" + id + "/gang-exit", Tokens.token("prison", INSTITUTION, "user/Inmate.u", "exit-unit"),
                    Map.of("active", true, "policeDistrict", "koebenhavn"));
            assertEquals(200, opened.status(), opened.body());
        }
        String prisonAll = Tokens.token("prison", INSTITUTION, "user/Inmate.cruds user/ReleaseMeeting.cruds");
        if (row.orgType().equals("probation") || row.operation().contains("Supervision")
                || row.operation().contains("ReleaseMeeting") || row.operation().equals("readWorklist")) {
            // R10 / seed §3.3.3: kif-sjaelland will supervise the person once paroled.
            var assigned = api.put("/api/v1/inmates/" + id + "/supervision", prisonAll,
                    Map.of("probationOffice", "kif-sjaelland", "status", "assigned", "from", "2027-03-01"));
            assertEquals(201, assigned.status(), assigned.body());
        }
        Map<String, Object> meeting = Map.of("inmateId", id,
                "startsAt", java.time.OffsetDateTime.now().plusDays(10).withNano(0).toString(), "place", "Mødelokale 2",
                "additionalInvitees", java.util.List.of(Map.of("orgType", "municipality", "orgId", INVITED_MUNICIPALITY)));
        String releaseMeetingId = null;
        if ((row.operation().contains("ReleaseMeeting") && !row.operation().equals("createReleaseMeeting"))
                || row.operation().equals("readWorklist")) {
            var called = api.post("/api/v1/release-meetings", prisonAll, meeting);
            assertEquals(201, called.status(), called.body());
            releaseMeetingId = called.json().get("id").asText();
        }
        // Issue 13: a referral consent recorded by the institution, a referral, and (for "withdrawn") the consent withdrawn.
        String consentId = null;
        String referralId = null;
        String noteId = null;
        boolean notes = row.operation().contains("NgoNote");
        if ((row.operation().contains("Consent") || row.operation().contains("Referral") || notes)
                && !row.operation().equals("createConsent")) {
            String referrer = Tokens.token("prison", INSTITUTION, "user/Consent.cu user/Referral.c");
            var consent = api.post("/api/v1/consents", referrer, Map.of("inmateId", id, "programmeId", "roede-kors-primus-motor",
                    "purpose", "referral", "dataItems", java.util.List.of("first-name"),
                    "validFrom", java.time.LocalDate.now().toString()));
            assertEquals(201, consent.status(), consent.body());
            consentId = consent.json().get("id").asText();
            if ((row.operation().contains("Referral") || notes) && !row.operation().equals("createReferral")) {
                var referral = api.post("/api/v1/referrals", referrer, Map.of("inmateId", id, "programmeId", "roede-kors-primus-motor"));
                assertEquals(201, referral.status(), referral.body());
                referralId = referral.json().get("id").asText();
            }
            if (row.operation().equals("searchSharedNgoNotes")) {
                var note = api.post("/api/v1/programmes/roede-kors-primus-motor/referrals/" + referralId + "/notes",
                        Tokens.token("ngo", "roede-kors-primus-motor", "user/Referral.c"),
                        Map.of("text", "Delt med samtykke", "shareWithAuthorities", true));
                assertEquals(201, note.status(), note.body());
                noteId = note.json().get("id").asText();
                assertEquals(201, api.post("/api/v1/consents", referrer, Map.of("inmateId", id, "programmeId",
                        "roede-kors-primus-motor", "purpose", "note-sharing", "dataItems", java.util.List.of(),
                        "validFrom", java.time.LocalDate.now().toString())).status());
            }
            if (row.whose().equals("withdrawn")) {
                assertEquals(200, api.post("/api/v1/consents/" + consentId + "/withdrawal", referrer, Map.of()).status());
            }
        }
        // Issue 14: a subscription of the matrix municipality (and for prison rows, of the matrix institution)
        // with one delivery: the event of the inmate's admission.
        String subscriptionId = null;
        String deliveryId = null;
        if (row.operation().contains("Subscription") || row.operation().equals("searchDeliveries")
                || row.operation().equals("redeliver")) {
            String ownerType = row.orgType().equals("prison") ? "prison" : "municipality";
            String owner = ownerType.equals("prison") ? INSTITUTION : MUNICIPALITY;
            var sub = api.post("/api/v1/subscriptions", Tokens.token(ownerType, owner, "user/Subscription.c"),
                    Map.of("endpoint", "http://127.0.0.1:9/matrix", "eventTypes", java.util.List.of("admitted")));
            assertEquals(201, sub.status(), sub.body());
            subscriptionId = sub.json().get("id").asText();
            create(anInmate().inInstitution(INSTITUTION).inMunicipality(MUNICIPALITY));
            var deliveries = api.get("/api/v1/subscriptions/" + subscriptionId + "/deliveries",
                    Tokens.token(ownerType, owner, "user/Subscription.s"));
            assertEquals(200, deliveries.status(), deliveries.body());
            deliveryId = deliveries.json().at("/items/0/id").asText();
            // Stopped at once, so the inmates of later rows are not delivered to it (nothing listens there).
            assertEquals(204, api.send("DELETE", "/api/v1/subscriptions/" + subscriptionId,
                    Tokens.token(ownerType, owner, "user/Subscription.d"), null, null).status());
        }
        // Issue 15: a registered client, for the registry's rows.
        String clientId = null;
        if (row.operation().equals("readClient") || row.operation().equals("readClientHistory") || row.operation().equals("updateClient")
                || row.operation().equals("approveClient")) {
            var client = api.post("/api/v1/clients", Tokens.token("operator", "overgang-drift", "user/Client.c"), clientInput());
            assertEquals(201, client.status(), client.body());
            clientId = client.json().get("id").asText();
        }
        String directoryEtag = null;
        if (row.operation().contains("Municipalit")) {
            // The matrix municipality's directory entry exists (registered by the first row that needs it).
            String owner = Tokens.token("municipality", MUNICIPALITY, "user/Municipality.cru");
            var entry = api.get("/api/v1/municipalities/" + MUNICIPALITY, owner);
            if (entry.status() == 404) {
                entry = api.put("/api/v1/municipalities/" + MUNICIPALITY, owner, directoryEntry());
                assertEquals(201, entry.status(), entry.body());
            }
            directoryEtag = entry.header("ETag");
        }
        String programmeReferrals = "/api/v1/programmes/roede-kors-primus-motor/referrals";
        Ksp ksp = row.operation().contains("Ksp") ? ksp(api, id, row.operation()) : null;
        String listedTarget = row.operation().equals("searchProgrammeReferrals") ? referralId
                : row.operation().equals("searchSharedNgoNotes") ? noteId : ksp == null ? id : switch (row.operation()) {
            case "searchKspForums" -> ksp.forumId();
            case "searchKspMeetings" -> ksp.meetingId();
            case "searchKspProposals" -> ksp.proposalId();
            default -> ksp.exchangeId();
        };
        String meetingPath = ksp == null ? null : "/api/v1/ksp-meetings/" + ksp.meetingId();
        Map<String, Object> kspPerson = Map.of("person", Map.of("name", "Ung Person", "cpr", "010108-1234",
                        "municipality", MUNICIPALITY),
                "reason", "Bekymring", "legalBasis", "young-person-section-78");
        Recorder sent = new Recorder(api);
        Api.Response response = switch (row.operation()) {
            case "readInmate" -> sent.get("/api/v1/inmates/" + id, token);
            case "readInmateHistory" -> sent.get("/api/v1/inmates/" + id + "/_history", token);
            case "readInmateVersion" -> sent.get("/api/v1/inmates/" + id + "/_history/1", token);
            case "updateInmate" -> sent.put("/api/v1/inmates/" + id, token, inmate.with("name", "Changed Name").build(),
                    "If-Match", "W/\"1\"");
            case "createInmate" -> sent.post("/api/v1/inmates", token,
                    anInmate().inInstitution(row.orgType().equals("prison") && row.whose().equals("other") ? INSTITUTION : row.orgId()).build());
            case "searchInmates" -> sent.get("/api/v1/inmates?_count=500&institution=" + INSTITUTION + "&actingMunicipality=" + MUNICIPALITY, token);
            case "lookupInmatesByCpr" -> sent.post("/api/v1/inmates/_lookup", token, Map.of("cpr", inmate.cpr()));
            case "searchAuditEvents" -> sent.get("/api/v1/audit-events?resourceType=Inmate&resourceId=" + id, token);
            case "lookupAuditEventsByCpr" -> sent.post("/api/v1/audit-events/_lookup", token, Map.of("cpr", inmate.cpr()));
            case "getCapabilities" -> sent.get("/api/v1/metadata", token);
            case "readReadingLog" -> sent.get("/api/v1/inmates/" + id + "/reading-log", token);
            case "exportSubjectAccess" -> sent.get("/api/v1/inmates/" + id + "/subject-access", token);
            case "readGangExitCaseHistory" -> sent.get("/api/v1/inmates/" + id + "/gang-exit/_history", token);
            case "readGangExitCase" -> sent.get("/api/v1/inmates/" + id + "/gang-exit", token);
            case "listGangExitCases" -> sent.get("/api/v1/gang-exit-cases?_count=500", token);
            case "recordGangExitCase" -> sent.put("/api/v1/inmates/" + id + "/gang-exit", token, Map.of("active", true));
            case "addGangExitNote" -> sent.post("/api/v1/inmates/" + id + "/gang-exit/notes", token, Map.of("text", "Notat"));
            case "listInformationNotices" -> sent.get("/api/v1/inmates/" + id + "/information-notices", token);
            case "recordInformationNotice" -> sent.post("/api/v1/inmates/" + id + "/information-notices", token,
                    Map.of("topic", "action-plan", "informedOn", "2026-03-05", "method", "in-person"));
            case "readLegalHold" -> sent.get("/api/v1/inmates/" + id + "/legal-hold", token);
            case "setLegalHold" -> sent.put("/api/v1/inmates/" + id + "/legal-hold", token, Map.of("held", false));
            case "listRetentionRuns" -> sent.get("/api/v1/retention-runs", token);
            case "runRetention" -> sent.post("/api/v1/retention-runs", token, Map.of());
            case "readRestriction" -> sent.get("/api/v1/inmates/" + id + "/restriction", token);
            case "setRestriction" -> sent.put("/api/v1/inmates/" + id + "/restriction", token, Map.of("restricted", false));
            case "searchProgrammes" -> sent.get("/api/v1/programmes", token);
            case "readProgrammeHistory" -> sent.get("/api/v1/programmes/roede-kors-besoegstjeneste/_history", token);
            case "readProgramme" -> sent.get("/api/v1/programmes/roede-kors-besoegstjeneste", token);
            case "updateProgramme" -> {
                // Primus Motor's entry, sent back unchanged: by Primus Motor itself (own) or by another programme (other).
                String path = "/api/v1/programmes/roede-kors-primus-motor";
                var current = api.get(path, Tokens.token("ngo", "roede-kors-primus-motor", "user/Programme.r"));
                JsonNode p = current.json();
                yield sent.put(path, token, Map.of("name", p.get("name").asText(), "description", p.get("description").asText(),
                        "institutions", p.get("institutions"), "dataItems", p.get("dataItems")), "If-Match", current.header("ETag"));
            }
            case "readProgrammeEligibility" -> sent.get("/api/v1/inmates/" + id + "/programme-eligibility", token);
            case "createConsent" -> sent.post("/api/v1/consents", token, Map.of("inmateId", id, "programmeId", "roede-kors-primus-motor",
                    "purpose", "referral", "dataItems", java.util.List.of("first-name"), "validFrom", java.time.LocalDate.now().toString()));
            case "searchConsents" -> sent.get("/api/v1/consents?inmateId=" + id, token);
            case "readConsentHistory" -> sent.get("/api/v1/consents/" + consentId + "/_history", token);
            case "withdrawConsent" -> sent.post("/api/v1/consents/" + consentId + "/withdrawal", token, Map.of());
            case "createReferral" -> sent.post("/api/v1/referrals", token, Map.of("inmateId", id, "programmeId", "roede-kors-primus-motor"));
            case "searchReferrals" -> sent.get("/api/v1/referrals?inmateId=" + id, token);
            case "readReferralHistory" -> sent.get("/api/v1/referrals/" + referralId + "/_history", token);
            case "searchProgrammeReferrals" -> sent.get(programmeReferrals + "?_count=500", token);
            case "readProgrammeReferral" -> sent.get(programmeReferrals + "/" + referralId, token);
            case "updateReferralStatus" -> sent.put(programmeReferrals + "/" + referralId + "/status", token,
                    Map.of("status", "accepted"), "If-Match", "W/\"1\"");
            case "createNgoNote" -> sent.post(programmeReferrals + "/" + referralId + "/notes", token, Map.of("text", "Godt besøg"));
            case "searchNgoNotes" -> sent.get(programmeReferrals + "/" + referralId + "/notes", token);
            case "searchSharedNgoNotes" -> sent.get("/api/v1/inmates/" + id + "/ngo-notes", token);
            case "readOutcomeHistory" -> {
                var recorded = api.put("/api/v1/inmates/" + id + "/outcomes/3-months",
                        Tokens.token("municipality", MUNICIPALITY, "user/Outcome.c"), Map.of("status", "employment"));
                assertEquals(201, recorded.status(), recorded.body());
                yield sent.get("/api/v1/inmates/" + id + "/outcomes/3-months/_history", token);
            }
            case "readOutcomes" -> sent.get("/api/v1/inmates/" + id + "/outcomes", token);
            case "recordOutcome" -> sent.put("/api/v1/inmates/" + id + "/outcomes/3-months", token, Map.of("status", "employment"));
            case "readOutcomeStatistics" -> sent.get("/api/v1/statistics/outcomes?groupBy=programme", token);
            case "readNgoActivityStatistics" -> sent.get("/api/v1/statistics/ngo-activity", token);
            case "createSubscription" -> sent.post("/api/v1/subscriptions", token,
                    Map.of("endpoint", "http://127.0.0.1:9/new", "eventTypes", java.util.List.of(switch (row.orgType()) {
                        case "police" -> "ksp-list-published"; // what a police district may be told of
                        case "ngo" -> "referral-created";
                        default -> "released";
                    })));
            case "createClient" -> sent.post("/api/v1/clients", token, clientInput());
            case "searchClients" -> sent.get("/api/v1/clients", token);
            case "readClientHistory" -> sent.get("/api/v1/clients/" + clientId + "/_history", token);
            case "readClient" -> sent.get("/api/v1/clients/" + clientId, token);
            case "updateClient" -> sent.put("/api/v1/clients/" + clientId, token, clientInput(), "If-Match", "W/\"1\"");
            case "approveClient" -> sent.post("/api/v1/clients/" + clientId + "/approval", token,
                    Map.of("roles", java.util.List.of()), "If-Match", "W/\"1\"");
            case "readSmartConfiguration" -> sent.get("/.well-known/smart-configuration", null);
            case "readAuthorizationServerMetadata" -> sent.get("/.well-known/oauth-authorization-server", null);
            case "requestToken" -> sent.send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                    "grant_type=password&client_assertion_type=x&client_assertion=y");
            case "searchSubscriptions" -> sent.get("/api/v1/subscriptions", token);
            case "readSubscriptionHistory" -> sent.get("/api/v1/subscriptions/" + subscriptionId + "/_history", token);
            case "readSubscription" -> sent.get("/api/v1/subscriptions/" + subscriptionId, token);
            case "deleteSubscription" -> sent.send("DELETE", "/api/v1/subscriptions/" + subscriptionId, token, null, null);
            case "rotateSubscriptionSecret" -> sent.post("/api/v1/subscriptions/" + subscriptionId + "/secret-rotation", token, Map.of());
            case "searchDeliveries" -> sent.get("/api/v1/subscriptions/" + subscriptionId + "/deliveries", token);
            case "redeliver" -> sent.post("/api/v1/subscriptions/" + subscriptionId + "/deliveries/" + deliveryId + "/redelivery",
                    token, Map.of());
            case "searchEvents" -> feedPage(api, token, id);
            case "searchMunicipalities" -> sent.get("/api/v1/municipalities", token);
            case "readMunicipalityHistory" -> sent.get("/api/v1/municipalities/" + MUNICIPALITY + "/_history", token);
            case "readMunicipality" -> sent.get("/api/v1/municipalities/" + MUNICIPALITY, token);
            case "updateMunicipality" -> sent.put("/api/v1/municipalities/" + MUNICIPALITY, token, directoryEntry(),
                    "If-Match", directoryEtag);
            case "createActionPlan" -> sent.post("/api/v1/action-plans", token, plan);
            case "readActionPlan" -> sent.get("/api/v1/action-plans/" + planId, token);
            case "readActionPlanHistory" -> sent.get("/api/v1/action-plans/" + planId + "/_history", token);
            case "readActionPlanVersion" -> sent.get("/api/v1/action-plans/" + planId + "/_history/1", token);
            case "searchActionPlans" -> sent.get("/api/v1/action-plans?inmateId=" + id, token);
            case "updateActionPlan" -> sent.put("/api/v1/action-plans/" + planId, token, municipal
                    ? Map.of("inmateId", id, "sentenceStart", "2026-03-01", "interventions", Map.of("description", "Behandling"),
                            "municipality", Map.of("planReference", "KK-141-2026-17"))
                    : Map.of("inmateId", id, "sentenceStart", "2026-03-01", "interventions", Map.of("description", "Ændret")),
                    "If-Match", "W/\"1\"");
            case "readObligations" -> sent.get("/api/v1/inmates/" + id + "/obligations", token);
            case "recordFulfilment" -> sent.post("/api/v1/inmates/" + id + "/obligations/"
                    + (municipal ? "one-off-benefit-decision" : "municipality-contact") + "/fulfilments", token,
                    Map.of("doneOn", "2026-03-20"));
            case "readWorklist" -> sent.get("/api/v1/worklist?_count=500&to=2030-01-01", token);
            case "createLsRnrAssessment" -> sent.post("/api/v1/lsrnr-assessments", token, assessment);
            case "readLsRnrAssessment" -> sent.get("/api/v1/lsrnr-assessments/" + assessmentId, token);
            case "readLsRnrAssessmentHistory" -> sent.get("/api/v1/lsrnr-assessments/" + assessmentId + "/_history", token);
            case "searchLsRnrAssessments" -> sent.get("/api/v1/lsrnr-assessments?inmateId=" + id, token);
            case "updateLsRnrAssessment" -> sent.put("/api/v1/lsrnr-assessments/" + assessmentId, token, assessment,
                    "If-Match", "W/\"1\"");
            case "createHandover" -> sent.post("/api/v1/handovers", token, Map.of("inmateId", id));
            case "readHandover" -> sent.get("/api/v1/handovers/" + handoverId, token);
            case "searchHandovers" -> sent.get("/api/v1/handovers?inmateId=" + id, token);
            case "approveHandover" -> sent.post("/api/v1/handovers/" + handoverId + "/approval", token, Map.of());
            case "acknowledgeHandover" -> sent.post("/api/v1/handovers/" + handoverId + "/acknowledgement", token, Map.of());
            case "getHandoverSigningKeys" -> sent.get("/.well-known/jwks.json", null);
            case "recordRadicalisationConcern" -> sent.put("/api/v1/inmates/" + id + "/radicalisation-concern", token,
                    Map.of("since", "2026-05-01"));
            case "clearRadicalisationConcern" -> sent.send("DELETE", "/api/v1/inmates/" + id + "/radicalisation-concern",
                    token, null, null);
            case "readSupervision" -> sent.get("/api/v1/inmates/" + id + "/supervision", token);
            case "readSupervisionHistory" -> sent.get("/api/v1/inmates/" + id + "/supervision/_history", token);
            case "recordSupervision" -> sent.put("/api/v1/inmates/" + id + "/supervision", token,
                    Map.of("probationOffice", "kif-sjaelland", "status", "active", "from", "2027-03-01"), "If-Match", "W/\"1\"");
            case "createReleaseMeeting" -> sent.post("/api/v1/release-meetings", token, meeting);
            case "readReleaseMeeting" -> sent.get("/api/v1/release-meetings/" + releaseMeetingId, token);
            case "readReleaseMeetingHistory" -> sent.get("/api/v1/release-meetings/" + releaseMeetingId + "/_history", token);
            case "searchReleaseMeetings" -> sent.get("/api/v1/release-meetings?_count=500&inmateId=" + id, token);
            case "updateReleaseMeeting" -> sent.put("/api/v1/release-meetings/" + releaseMeetingId, token,
                    Map.of("inmateId", id, "startsAt", meeting.get("startsAt"), "place", "Mødelokale 3"), "If-Match", "W/\"1\"");
            case "createKspForum" -> sent.post("/api/v1/ksp-forums", token, Map.of("name", "KSP Matrix",
                    "policeDistrict", "koebenhavn", "municipalities", java.util.List.of(MUNICIPALITY)));
            case "readKspForum" -> sent.get("/api/v1/ksp-forums/" + ksp.forumId(), token);
            case "searchKspForums" -> sent.get("/api/v1/ksp-forums", token);
            case "createKspMeeting" -> sent.post("/api/v1/ksp-meetings", token, Map.of("forumId", ksp.forumId(),
                    "date", "2026-12-01", "place", "Rådhuset"));
            case "readKspMeeting" -> sent.get(meetingPath, token);
            case "searchKspMeetings" -> sent.get("/api/v1/ksp-meetings?_count=500", token);
            case "readKspList" -> sent.get(meetingPath + "/list", token);
            case "publishKspList" -> sent.put(meetingPath + "/list", token, Map.of("entries", java.util.List.of(kspPerson)),
                    "If-Match", "W/\"1\"");
            case "readKspListHistory" -> sent.get(meetingPath + "/list/_history", token);
            case "readKspListVersion" -> sent.get(meetingPath + "/list/_history/1", token);
            case "diffKspList" -> sent.get(meetingPath + "/list/_diff?from=1&to=1", token);
            case "createKspProposal" -> sent.post(meetingPath + "/proposals", token, kspPerson);
            case "searchKspProposals" -> sent.get(meetingPath + "/proposals", token);
            case "decideKspProposal" -> sent.post("/api/v1/ksp-proposals/" + ksp.proposalId() + "/decision", token,
                    Map.of("decision", "decline", "reason", "Ikke relevant"));
            case "recordKspExchange" -> sent.post(meetingPath + "/exchanges", token, Map.of("entryId", ksp.entryId(),
                    "summary", "Drøftet", "inmateInformed", true));
            case "searchKspExchanges" -> sent.get(meetingPath + "/exchanges", token);
            default -> throw new AssertionError("No request for " + row.operation());
        };

        String expected = row.expected();
        assertEquals(Integer.parseInt(expected.substring(0, 3)), response.status(), row + ": " + response.body());
        if (expected.endsWith("+") || expected.endsWith("-")) {
            boolean listed = false;
            JsonNode page = response.json();
            while (true) {
                for (JsonNode item : page.get("items")) {
                    JsonNode listedId = item.has("specversion") ? item.at("/data/id")
                            : ksp != null ? item.get("id") : item.has("inmateId") ? item.get("inmateId")
                            : item.has("document") ? item.at("/document/inmateId") : item.get("id");
                    listed |= listedId.asText().equals(listedTarget);
                }
                if (listed || page.at("/links/next").isMissingNode() || page.get("links") == null) {
                    break;
                }
                page = api.get(page.at("/links/next").asText(), token).json();
            }
            assertEquals(expected.endsWith("+"), listed, row.toString());
        }
        if (response.status() >= 400 && row.operation().equals("requestToken")) {
            // RFC 6749 §5.2: the token endpoint answers as OAuth clients expect, not with problem+json.
            assertTrue(response.json().has("error"), row.toString());
        } else if (response.status() >= 400) {
            assertTrue(response.header("Content-Type").startsWith("application/problem+json"), row.toString());
        }
        if (row.orgType().equals("ngo") && response.status() < 300 && response.body() != null && !response.body().isEmpty()) {
            // R6, issue 13: whatever an NGO gets, it never holds the person's CPR, full name or id, LS/RNR,
            // offence or case data.
            JsonNode answer = response.json().deepCopy();
            if (answer.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("links"); // the caller's own query, echoed
            }
            String body = answer.toString();
            assertTrue(!body.contains(inmate.cpr()) && !body.contains(inmate.cpr().replace("-", "")), row + ": a CPR number");
            assertTrue(!body.contains("Test Person") && !body.contains(id), row + ": the full name or the person's id");
            assertNoRestrictedField(response.json(), row.toString());
        }
        if (response.status() == 404) {
            // Existence hiding, for every resource family and writes too: the same request with every id in it
            // (path and body) replaced by one that does not exist gets exactly the same answer.
            java.util.List<String> ids = new java.util.ArrayList<>(Stream.of(id, planId, assessmentId, handoverId, releaseMeetingId,
                            consentId, referralId, subscriptionId)
                    .filter(java.util.Objects::nonNull).toList());
            if (ksp != null) {
                Stream.of(ksp.forumId(), ksp.meetingId(), ksp.entryId(), ksp.proposalId(), ksp.exchangeId())
                        .filter(java.util.Objects::nonNull).forEach(ids::add);
            }
            var missing = sent.replaceIds(ids, "00000000-0000-4000-8000-000000000000");
            assertEquals(404, missing.status(), row + " for a missing id: " + missing.body());
            assertEquals(missing.json().get("type"), response.json().get("type"), row.toString());
            assertEquals(missing.json().get("detail"), response.json().get("detail"), row.toString());
            assertEquals(missing.json().get("errors"), response.json().get("errors"), row.toString());
        }
    }

    /**
     * The feed page that would hold the inmate's admission: the feed is long and shared by the whole
     * run, so the page starts just before the inmate's own first event (found as the database owner).
     */
    private static Api.Response feedPage(Api api, String token, String inmateId) {
        long before;
        try (var c = dk.overgang.support.TestDatabase.connect();
             var st = c.prepareStatement("SELECT min(id) - 1 FROM event WHERE inmate_id = ?::uuid")) {
            st.setString(1, inmateId);
            try (var rs = st.executeQuery()) {
                rs.next();
                before = rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(before).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return api.get("/api/v1/events?_count=500&_cursor=" + cursor, token);
    }

    private static Map<String, Object> clientInput() {
        return Map.of("name", "Matrix sagssystem", "organisation", Map.of("orgType", "municipality", "orgId", MUNICIPALITY),
                "scopes", java.util.List.of("system/Inmate.rs"), "jwks", Map.of("keys", java.util.List.of(Map.of("kty", "EC",
                        "kid", "matrix-1", "crv", "P-256", "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                        "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))));
    }

    private static Map<String, Object> directoryEntry() {
        return Map.of("name", "Matrix Kommune", "contactPoint", Map.of("unit", "Kriminalitetsteamet", "email", "krim@matrix.example"));
    }

    /** Field names an NGO answer never has, at any depth (R6: no CPR, LS/RNR, offence or case data). */
    private static final Set<String> NGO_RESTRICTED = Set.of("cpr", "inmateId", "birthDate", "riskLevel", "needs",
            "offence", "sentenceStart", "sentenceLengthDays", "actingMunicipality", "expelledByJudgment", "custodyStatus",
            "interventions", "subjects");

    private static void assertNoRestrictedField(JsonNode node, String row) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> assertTrue(!NGO_RESTRICTED.contains(f), row + ": an NGO got " + f));
            node.forEach(child -> assertNoRestrictedField(child, row));
        } else if (node.isArray()) {
            node.forEach(child -> assertNoRestrictedField(child, row));
        }
    }

    /** Sends through {@link Api} and remembers the last request, so it can be sent again with other ids. */
    private static final class Recorder {
        private final Api api;
        private String method;
        private String path;
        private String token;
        private String body;
        private String[] headers;

        Recorder(Api api) {
            this.api = api;
        }

        Api.Response get(String path, String token) {
            return send("GET", path, token, null, null);
        }

        Api.Response post(String path, String token, Object body, String... headers) {
            return send("POST", path, token, "application/json", Api.json(body), headers);
        }

        Api.Response put(String path, String token, Object body, String... headers) {
            return send("PUT", path, token, "application/json", Api.json(body), headers);
        }

        Api.Response send(String method, String path, String token, String contentType, String body, String... headers) {
            this.method = method;
            this.path = path;
            this.token = token;
            this.body = body;
            this.headers = headers;
            return api.send(method, path, token, contentType, body, headers);
        }

        Api.Response replaceIds(java.util.List<String> ids, String replacement) {
            String newPath = path;
            String newBody = body;
            for (String id : ids) {
                newPath = newPath.replace(id, replacement);
                newBody = newBody == null ? null : newBody.replace(id, replacement);
            }
            return api.send(method, newPath, token, body == null ? null : "application/json", newBody, headers);
        }
    }

    /** The KSP fixture: a forum, a meeting, a published list with the inmate, a proposal and an exchange. */
    record Ksp(String forumId, String meetingId, String entryId, String proposalId, String exchangeId) {
    }

    private static Ksp ksp(Api api, String inmateId, String operation) {
        String kif = Tokens.token("probation", "kif-sjaelland", "user/KspList.cruds");
        var forum = api.post("/api/v1/ksp-forums", kif, Map.of("name", "KSP Matrix", "policeDistrict", "koebenhavn",
                "municipalities", java.util.List.of(MUNICIPALITY), "institutions", java.util.List.of(INSTITUTION, PARTICIPANT_PRISON)));
        assertEquals(201, forum.status(), forum.body());
        String forumId = forum.json().get("id").asText();
        var meeting = api.post("/api/v1/ksp-meetings", kif, Map.of("forumId", forumId, "date", "2026-12-01", "place", "Rådhuset"));
        assertEquals(201, meeting.status(), meeting.body());
        String meetingId = meeting.json().get("id").asText();
        var list = api.put("/api/v1/ksp-meetings/" + meetingId + "/list", kif, Map.of("entries", java.util.List.of(
                Map.of("inmateId", inmateId, "reason", "Bekymring", "legalBasis", "released-from-institution"))));
        assertEquals(200, list.status(), list.body());
        String entryId = list.json().at("/entries/0/entryId").asText();
        String proposalId = null;
        if (operation.contains("Proposal")) {
            var proposal = api.post("/api/v1/ksp-meetings/" + meetingId + "/proposals",
                    Tokens.token("municipality", MUNICIPALITY, "user/KspList.c"), Map.of("inmateId", inmateId,
                            "reason", "Uden bolig", "legalBasis", "released-from-institution"));
            assertEquals(201, proposal.status(), proposal.body());
            proposalId = proposal.json().get("id").asText();
        }
        String exchangeId = null;
        if (operation.equals("searchKspExchanges")) {
            var exchange = api.post("/api/v1/ksp-meetings/" + meetingId + "/exchanges", kif,
                    Map.of("entryId", entryId, "summary", "Drøftet", "inmateInformed", true));
            assertEquals(201, exchange.status(), exchange.body());
            exchangeId = exchange.json().get("id").asText();
        }
        return new Ksp(forumId, meetingId, entryId, proposalId, exchangeId);
    }

    /**
     * Issue 13: NGO access is fail-closed. Every operation an NGO succeeds on, other than those without
     * person data (the catalogue, the capability statement, public keys), has a row proving that once
     * the consent is withdrawn the NGO sees nothing; a new NGO-facing operation without one fails here.
     */
    @Test
    void everyOperationAnNgoSucceedsOnHasAWithdrawnConsentRow() {
        Set<String> noPersonData = Set.of("getCapabilities", "getHandoverSigningKeys", "searchProgrammes", "readProgramme",
                "updateProgramme", "readOutcomeStatistics", "readNgoActivityStatistics", "searchMunicipalities", "readMunicipality",
                "readProgrammeHistory", "readMunicipalityHistory",
                // the programme's own subscriptions (its events are consent-checked: EventAudienceTest) and discovery
                "createSubscription", "searchSubscriptions", "readSmartConfiguration",
                "readAuthorizationServerMetadata");
        Set<String> ngoSucceeds = rows().filter(r -> r.orgType().equals("ngo") && r.expected().startsWith("20")
                        && !r.expected().equals("200-") && !noPersonData.contains(r.operation()))
                .map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        Set<String> provedClosed = rows().filter(r -> r.orgType().equals("ngo") && r.whose().equals("withdrawn")
                        && (r.expected().equals("404") || r.expected().equals("200-")))
                .map(Row::operation).collect(Collectors.toSet());
        ngoSucceeds.removeAll(provedClosed);
        assertEquals(Set.of(), ngoSucceeds, "NGO operations without a withdrawn-consent row");
    }

    @Test
    void everyOperationInTheContractHasRowsInTheMatrix() throws IOException {
        String spec = Files.readString(Path.of(System.getProperty("overgang.spec", "../api-spec/openapi.yaml")));
        Set<String> operations = new TreeSet<>(Pattern.compile("operationId:\\s*(\\w+)").matcher(spec).results()
                .map(m -> m.group(1)).toList());
        Set<String> covered = rows().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        operations.removeAll(covered);
        assertEquals(Set.of(), operations, "operations without rows in the access matrix");
    }
}
