package dk.overgang.programme;

import dk.overgang.shared.Slice;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.ProgrammeAccessPolicy;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.ExpectedRelease;
import dk.overgang.rules.InmateFacts;
import dk.overgang.rules.ProgrammeEligibility;
import dk.overgang.rules.RiskLevel;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The programme catalogue and eligibility use cases. */
@Singleton
public class ProgrammeService {

    private static final String NOT_FOUND = "No programme with this id.";

    private final ProgrammeRepository programmes;
    private final UseCases useCases;
    private final Clock clock;

    ProgrammeService(ProgrammeRepository programmes, UseCases useCases, Clock clock) {
        this.programmes = programmes;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** One programme's answer for a person. */
    public record Eligibility(ProgrammeRecord programme, ProgrammeEligibility.Answer answer) {
    }

    /** The answers for one person on one day. */
    public record EligibilityList(UUID inmateId, LocalDate on, List<Eligibility> items) {
    }

    /** One page of the catalogue, by programme id, after the programme {@code after}. */
    public Slice<ProgrammeRecord> search(Caller caller, String after, int limit) {
        return useCases.read(caller, ResourceType.Programme, AuditAction.SEARCH, null, facts -> {
            facts.disclosed(List.of(), List.of()); // the catalogue holds no person data
            return Slice.after(programmes.findAllOrderById(), ProgrammeRecord::id, after, limit);
        });
    }

    public ProgrammeRecord read(Caller caller, String id) {
        return useCases.read(caller, ResourceType.Programme, AuditAction.READ, null,
                facts -> programmes.findById(id).orElseThrow(() -> new NotFoundException(NOT_FOUND)));
    }

    /** One page of the programme's versions, newest first, below version {@code before}. */
    public Slice<ProgrammeRecord> history(Caller caller, String id, long before, int limit) {
        return useCases.read(caller, ResourceType.Programme, AuditAction.HISTORY, null, facts -> {
            programmes.findById(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            return Slice.of(programmes.findVersions(id, before, limit + 1), limit);
        });
    }

    public ProgrammeRecord update(Caller caller, String id, Optional<Long> ifMatchVersion, String name, String description,
                                  List<String> institutions, List<String> dataItems) {
        return useCases.write(caller, ResourceType.Programme, AuditAction.UPDATE, null, facts -> {
            ProgrammeAccessPolicy.requireMaintainer(caller, id);
            ProgrammeRecord current = programmes.findById(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the programme");
            try {
                return programmes.update(current.with(clock.instant().truncatedTo(ChronoUnit.MICROS), name, description,
                        institutions, dataItems, caller.sub()));
            } catch (OptimisticLockException e) {
                throw Preconditions.concurrentChange("the programme");
            }
        });
    }

    /**
     * Every programme's answer for a person the caller may see (its institution, acting municipality or
     * supervising probation office); 404 for anyone else, NGOs included. Audited on the person.
     */
    public EligibilityList eligibility(Caller caller, UUID inmateId) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, inmateId, facts -> {
            ProgrammeRepository.PersonFacts found = InmateAccessPolicy.visibleTo(caller)
                    .flatMap(s -> programmes.findPersonFacts(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                    .orElseThrow(() -> new NotFoundException("No inmate with this id."));
            LocalDate today = LocalDate.now(clock);
            ProgrammeEligibility.Person person = person(found);
            List<Eligibility> items = programmes.findAllOrderById().stream()
                    .map(p -> new Eligibility(p, answer(p, found, person, today)))
                    .toList();
            return new EligibilityList(inmateId, today, items);
        });
    }

    /**
     * For other modules (a referral): the programme's answer for a person in {@code scope} today, or
     * empty when the programme or the person (as {@code scope} sees it) does not exist. No scope
     * check and no audit here: the caller's own use case does both.
     */
    public Optional<ProgrammeEligibility.Answer> answerFor(InmateAccessPolicy.InmateScope scope, UUID inmateId,
                                                           String programmeId) {
        Optional<ProgrammeRecord> programme = programmes.findById(programmeId);
        Optional<ProgrammeRepository.PersonFacts> facts = programme.isEmpty() ? Optional.empty()
                : programmes.findPersonFacts(inmateId, scope.institution(), scope.municipality(), scope.probationOffice(), scope.restrictedAccess());
        return facts.map(f -> answer(programme.get(), f, person(f), LocalDate.now(clock)));
    }

    /** Whether the catalogue holds {@code programmeId}. */
    public boolean exists(String programmeId) {
        return programmes.findById(programmeId).isPresent();
    }

    private static ProgrammeEligibility.Answer answer(ProgrammeRecord p, ProgrammeRepository.PersonFacts facts,
                                                      ProgrammeEligibility.Person person, LocalDate today) {
        boolean released = "released".equals(facts.custodyStatus());
        if (!released && !p.institutions().isEmpty() && !p.institutions().contains(facts.currentInstitution())) {
            return new ProgrammeEligibility.Answer(false, "institution",
                    "Programmet er ikke til stede i personens institution", false);
        }
        var limits = new ProgrammeEligibility.Limits(orZero(p.minAge()), p.maxAge() == null ? 200 : p.maxAge(),
                orZero(p.monthsBeforeRelease()), orZero(p.monthsAfterRelease()));
        return ProgrammeEligibility.evaluate(ProgrammeEligibility.Kind.fromCode(p.kind()), limits, person, today);
    }

    private static ProgrammeEligibility.Person person(ProgrammeRepository.PersonFacts f) {
        ExpectedRelease expected = ExpectedRelease.of(InmateFacts.sentenced(f.sentenceStart(), f.sentenceLengthDays(),
                f.expectedParoleDate(), f.expectedReleaseDate()).withParoleRefused(f.paroleRefused()));
        RiskLevel risk = f.riskLevel() == null ? null
                : RiskLevel.valueOf(f.riskLevel().toUpperCase(Locale.ROOT).replace('-', '_'));
        LocalDate releasedOn = f.actualReleaseDate() != null ? f.actualReleaseDate() : f.expectedReleaseDate();
        return new ProgrammeEligibility.Person(f.birthDate(), f.custodyStatus(),
                expected == null ? null : expected.effectiveDate(), releasedOn, risk);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
