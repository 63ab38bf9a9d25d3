package dk.overgang.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.sdk.model.CprLookup;
import dk.overgang.sdk.model.CustodyStatus;
import dk.overgang.sdk.model.Inmate;
import dk.overgang.sdk.model.InmateInput;
import dk.overgang.sdk.model.InmatePage;
import dk.overgang.sdk.model.KspDecision;
import dk.overgang.sdk.model.KspDecisionInput;
import dk.overgang.sdk.model.KspEntryInput;
import dk.overgang.sdk.model.KspForum;
import dk.overgang.sdk.model.KspForumInput;
import dk.overgang.sdk.model.KspLegalBasis;
import dk.overgang.sdk.model.KspList;
import dk.overgang.sdk.model.KspListDiff;
import dk.overgang.sdk.model.KspListInput;
import dk.overgang.sdk.model.KspMeeting;
import dk.overgang.sdk.model.KspMeetingInput;
import dk.overgang.sdk.model.KspOrgType;
import dk.overgang.sdk.model.KspPerson;
import dk.overgang.sdk.model.KspProposal;
import dk.overgang.sdk.model.KspProposalInput;
import dk.overgang.sdk.model.KspWindowStatus;
import dk.overgang.sdk.model.ReleaseMeeting;
import dk.overgang.sdk.model.ReleaseMeetingInput;
import dk.overgang.sdk.model.Supervision;
import dk.overgang.sdk.model.SupervisionInput;
import dk.overgang.sdk.model.SupervisionStatus;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The generated Java client, with its hand-written helpers, against the real server: as integrators use it. */
@MicronautTest(transactional = false)
class SdkEndToEndTest extends ApiTest {

    private static final String PRISON = "sdk-prison";
    private static final String MUNICIPALITY = "157";

    private OvergangClient client(String token, AtomicInteger calls) {
        return OvergangClient.builder(server.getURI()).token(() -> {
            calls.incrementAndGet();
            return token;
        }).build();
    }

    private static InmateInput input(String institution) {
        LocalDate born = LocalDate.of(1988, 5, 17);
        return new InmateInput().cpr(InmateBuilder.fakeCpr(born)).name("Sdk Person").birthDate(born)
                .custodyStatus(CustodyStatus.SENTENCED).currentInstitution(institution).actingMunicipality(MUNICIPALITY)
                .sentenceStart(LocalDate.of(2026, 1, 5)).sentenceLengthDays(400).expectedReleaseDate(LocalDate.of(2027, 2, 8));
    }

    @Test
    void aPrisonRegistersAndUpdatesAndTheMunicipalityPagesThroughItsInmates() {
        AtomicInteger tokenCalls = new AtomicInteger();
        OvergangClient prison = client(Tokens.prison(PRISON), tokenCalls);

        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(PRISON), UUID.randomUUID().toString()));
            assertEquals("1", inmate.getMeta().getVersionId());
            created.add(inmate.getId());
        }
        Inmate first = OvergangApiException.call(() -> prison.inmates().readInmate(created.get(0)));
        InmateInput change = input(PRISON).cpr(first.getCpr()).birthDate(first.getBirthDate()).name("Sdk Person Renamed");
        Inmate updated = OvergangApiException.call(() -> prison.inmates().updateInmate(first.getId(), change,
                OvergangClient.ifMatch(first.getMeta())));
        assertEquals("2", updated.getMeta().getVersionId());
        assertEquals("Sdk Person Renamed", updated.getName());
        assertTrue(tokenCalls.get() >= 7, "the token supplier is asked for every request");

        OvergangClient municipality = client(Tokens.token("municipality", MUNICIPALITY, "system/Inmate.rs"), new AtomicInteger());
        Set<UUID> seen = new HashSet<>();
        Pages.stream(cursor -> municipality.inmates().searchInmates(PRISON, MUNICIPALITY, null, null, null, 2, cursor),
                InmatePage::getItems, InmatePage::getLinks).forEach(inmate -> assertTrue(seen.add(inmate.getId())));
        assertEquals(Set.copyOf(created), seen);

        InmatePage found = OvergangApiException.call(() -> municipality.inmates().lookupInmatesByCpr(new CprLookup().cpr(first.getCpr())));
        assertEquals(first.getId(), found.getItems().get(0).getId());
    }

    /** Issue 12 §2 through the SDK: an auditor finds a person's accesses by the person and by the CPR number. */
    @Test
    void aLongRunningIntegrationReusesItsConnectionsAndStaysUnderThePerAddressCap() {
        // More calls than the server's 64 connections per address (issue 12): one client, one pool.
        OvergangClient prison = client(Tokens.token("prison", "sdk-pool-prison", "user/Inmate.crs"), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input("sdk-pool-prison"), null));
        for (int i = 0; i < 100; i++) {
            assertEquals(inmate.getId(), OvergangApiException.call(() -> prison.inmates().readInmate(inmate.getId())).getId());
        }
    }

    @Test
    void anAuditorFindsWhoSawAPersonByIdAndByCpr() {
        String institution = "sdk-audit-prison"; // not PRISON: another test pages through all of PRISON's inmates
        OvergangClient prison = client(Tokens.token("prison", institution, "user/Inmate.crs"), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(institution), null));
        OvergangClient municipality = client(Tokens.token("municipality", MUNICIPALITY, "system/Inmate.rs"), new AtomicInteger());
        OvergangApiException.call(() -> municipality.inmates().readInmate(inmate.getId()));
        OvergangClient elsewhere = client(Tokens.token("municipality", "851", "system/Inmate.rs"), new AtomicInteger());
        assertTrue(OvergangApiException.call(() -> elsewhere.inmates().lookupInmatesByCpr(new CprLookup().cpr(inmate.getCpr())))
                .getItems().isEmpty(), "another municipality finds nothing");

        OvergangClient auditor = client(Tokens.auditor(), new AtomicInteger());
        var byPerson = OvergangApiException.call(() -> auditor.auditEvents().searchAuditEvents(null, null, inmate.getId(), 100, null));
        assertTrue(byPerson.getItems().stream().anyMatch(e -> "157".equals(e.getActor().getOrgId())
                && "read".equals(String.valueOf(e.getAction()))), "the municipality's read, found from the person");
        var byCpr = OvergangApiException.call(() -> auditor.auditEvents().lookupAuditEventsByCpr(
                new CprLookup().cpr(inmate.getCpr()), 100, null));
        assertTrue(byCpr.getItems().stream().anyMatch(e -> "851".equals(e.getActor().getOrgId())),
                "the lookup that found nothing is attributable to the CPR, which is not stored");
    }

    /** Issue 13 through the SDK: the municipality asks which programmes a person it acts for may be referred to. */
    @Test
    void aMunicipalityReadsAPersonsProgrammeEligibility() {
        String institution = "sdk-programme-prison";
        OvergangClient prison = client(Tokens.token("prison", institution, "user/Inmate.c"), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(institution)
                .expectedReleaseDate(LocalDate.now().plusMonths(3)), null));
        OvergangClient municipality = client(Tokens.token("municipality", MUNICIPALITY, "user/Inmate.r user/Programme.s"),
                new AtomicInteger());
        // Every collection is paged the same way (issue 26): two to a page, the SDK follows links.next.
        var catalogue = OvergangApiException.call(() -> municipality.programmes().searchProgrammes(2, null));
        assertEquals(2, catalogue.getItems().size());
        assertNotNull(catalogue.getLinks().getNext());
        List<String> all = dk.overgang.sdk.Pages.stream(cursor -> municipality.programmes().searchProgrammes(2, cursor),
                dk.overgang.sdk.model.ProgrammeList::getItems, dk.overgang.sdk.model.ProgrammeList::getLinks)
                .map(dk.overgang.sdk.model.Programme::getId).toList();
        assertTrue(all.size() >= 3);
        assertEquals(all.stream().distinct().sorted().toList(), all, "each programme once, in id order, across the pages");
        var answers = OvergangApiException.call(() -> municipality.programmes().readProgrammeEligibility(inmate.getId()));
        var primus = answers.getItems().stream().filter(a -> a.getProgrammeId().equals("roede-kors-primus-motor")).findFirst().orElseThrow();
        assertTrue(primus.getEligible(), primus.getReason());
        var kickstart = answers.getItems().stream().filter(a -> a.getProgrammeId().equals("roede-kors-kickstart")).findFirst().orElseThrow();
        assertEquals(false, kickstart.getEligible(), "a sentenced adult is not on remand");
    }

    /** Issue 13 through the SDK: consent, referral, and the NGO system's view and status report. */
    @Test
    void anNgoSystemSeesItsConsentedReferralAndReportsItActive() {
        String institution = "sdk-referral-prison";
        OvergangClient prison = client(Tokens.token("prison", institution, "user/Inmate.c user/Consent.c user/Referral.c"),
                new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(institution)
                .expectedReleaseDate(LocalDate.now().plusMonths(3)), null));
        OvergangApiException.call(() -> prison.referrals().createConsent(new dk.overgang.sdk.model.ConsentInput()
                .inmateId(inmate.getId()).programmeId("roede-kors-primus-motor")
                .purpose(dk.overgang.sdk.model.ConsentPurpose.REFERRAL)
                .dataItems(new java.util.LinkedHashSet<>(List.of(dk.overgang.sdk.model.ProgrammeDataItem.FIRST_NAME)))
                .validFrom(LocalDate.now()), null));
        var referral = OvergangApiException.call(() -> prison.referrals().createReferral(new dk.overgang.sdk.model.ReferralInput()
                .inmateId(inmate.getId()).programmeId("roede-kors-primus-motor"), null));

        OvergangClient ngo = client(Tokens.token("ngo", "roede-kors-primus-motor", "user/Referral.crus"), new AtomicInteger());
        var mine = OvergangApiException.call(() -> ngo.referrals().readProgrammeReferral("roede-kors-primus-motor", referral.getId()));
        assertEquals("Sdk", mine.getPerson().getFirstName());
        assertEquals(null, mine.getPerson().getReleaseDate(), "not consented");
        var accepted = OvergangApiException.call(() -> ngo.referrals().updateReferralStatus("roede-kors-primus-motor",
                referral.getId(), new dk.overgang.sdk.model.ReferralStatusInput()
                        .status(dk.overgang.sdk.model.ReferralStatus.ACCEPTED).volunteer("Anne"), OvergangClient.ifMatch(mine.getMeta())));
        assertEquals(dk.overgang.sdk.model.ReferralStatus.ACCEPTED, accepted.getStatus());
        // Every version of the referral, for the institution that referred (issue 26: one version history).
        OvergangClient referrer = client(Tokens.token("prison", institution, "user/Referral.r"), new AtomicInteger());
        List<dk.overgang.sdk.model.ReferralStatus> statuses = Pages.stream(
                cursor -> referrer.referrals().readReferralHistory(referral.getId(), 1, cursor),
                dk.overgang.sdk.model.ReferralList::getItems, dk.overgang.sdk.model.ReferralList::getLinks)
                .map(dk.overgang.sdk.model.Referral::getStatus).toList();
        assertEquals(List.of(dk.overgang.sdk.model.ReferralStatus.ACCEPTED, dk.overgang.sdk.model.ReferralStatus.PENDING), statuses);

        // A note after the first visit: the NGO's own, not shared with the authorities.
        var note = OvergangApiException.call(() -> ngo.referrals().createNgoNote("roede-kors-primus-motor", referral.getId(),
                new dk.overgang.sdk.model.NgoNoteInput().text("Første besøg gik godt."), "sdk-note-" + referral.getId()));
        assertEquals(Boolean.FALSE, note.getShareWithAuthorities());
        assertEquals(1, OvergangApiException.call(() -> ngo.referrals().searchNgoNotes("roede-kors-primus-motor", referral.getId(), null, null))
                .getItems().size());
        OvergangClient caseworker = client(Tokens.token("prison", institution, "user/Referral.s"), new AtomicInteger());
        assertEquals(0, OvergangApiException.call(() -> caseworker.referrals().searchSharedNgoNotes(inmate.getId(), null, null)).getItems().size());
    }

    /** Issue 14 through the SDK: a municipal case system subscribes, and catches up through the feed. */
    @Test
    void aMunicipalitySubscribesAndReadsTheFeed() {
        OvergangClient municipality = client(Tokens.token("municipality", MUNICIPALITY, "user/Subscription.crs"), new AtomicInteger());
        var created = OvergangApiException.call(() -> municipality.events().createSubscription(
                new dk.overgang.sdk.model.SubscriptionInput().endpoint("http://127.0.0.1:9/sdk")
                        .eventTypes(new java.util.LinkedHashSet<>(List.of(dk.overgang.sdk.model.EventType.RELEASED))), null));
        assertTrue(created.getSecret().startsWith("whsec_"));
        assertTrue(OvergangApiException.call(() -> municipality.events().searchSubscriptions(null, null)).getItems().stream()
                .anyMatch(s -> s.getId().equals(created.getId()) && s.getSecret() == null), "listed, without the secret");
        OvergangClient prison = client(Tokens.prison(PRISON), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(PRISON), null));
        var feed = Pages.stream(cursor -> municipality.events().searchEvents(500, cursor),
                dk.overgang.sdk.model.EventPage::getItems, dk.overgang.sdk.model.EventPage::getLinks).toList();
        assertTrue(feed.stream().anyMatch(e -> e.getSubject().equals("Inmate/" + inmate.getId() + "/_history/1")
                && e.getType().equals("dk.overgang.admitted")), "the admission is in the feed");
    }

    /** Issue 13 (G1) through the SDK: the acting municipality records an outcome; anyone reads the figures. */
    @Test
    void aMunicipalityRecordsAnOutcomeAndReadsTheFigures() {
        String institution = "sdk-outcome-prison";
        LocalDate released = LocalDate.now().minusMonths(6).minusDays(3);
        OvergangClient prison = client(Tokens.prison(institution), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(institution)
                .custodyStatus(CustodyStatus.RELEASED).expectedReleaseDate(released).actualReleaseDate(released), null));
        OvergangClient municipality = client(Tokens.token("municipality", MUNICIPALITY, "user/Outcome.cru"), new AtomicInteger());
        var checkpoints = OvergangApiException.call(() -> municipality.outcomes().readOutcomes(inmate.getId()));
        assertEquals(released, checkpoints.getReleasedOn());
        assertEquals(dk.overgang.sdk.model.ObligationStatus.DUE, checkpoints.getCheckpoints().get(1).getStatus(), "6 months: due");
        var outcome = OvergangApiException.call(() -> municipality.outcomes().recordOutcome(inmate.getId(),
                dk.overgang.sdk.model.OutcomeCheckpoint._6_MONTHS,
                new dk.overgang.sdk.model.OutcomeInput().status(dk.overgang.sdk.model.OutcomeStatus.EDUCATION), null));
        assertEquals(released.plusMonths(6), outcome.getDueDate());
        var corrected = OvergangApiException.call(() -> municipality.outcomes().recordOutcome(inmate.getId(),
                dk.overgang.sdk.model.OutcomeCheckpoint._6_MONTHS,
                new dk.overgang.sdk.model.OutcomeInput().status(dk.overgang.sdk.model.OutcomeStatus.EMPLOYMENT),
                OvergangClient.ifMatch(outcome.getMeta())));
        assertEquals("2", corrected.getMeta().getVersionId());

        OvergangClient anyone = OvergangClient.builder(server.getURI()).build();
        var figures = OvergangApiException.call(() -> anyone.statistics().readOutcomeStatistics(
                dk.overgang.sdk.model.OutcomeCheckpoint._6_MONTHS, dk.overgang.sdk.model.StatisticsGrouping.MUNICIPALITY));
        assertEquals(0.6, figures.getGoal());
        assertTrue(figures.getGroups().stream().anyMatch(g -> g.getGroup().equals(MUNICIPALITY)), "the municipality's group");
    }

    @Test
    void aMunicipalityPollsItsWorklistThroughTheSdk() {
        String municipality = "173";
        OvergangClient prison = client(Tokens.token("prison", PRISON, "user/Inmate.c"), new AtomicInteger());
        List<UUID> created = new ArrayList<>();
        for (LocalDate release : List.of(LocalDate.of(2027, 2, 9), LocalDate.of(2027, 1, 12), LocalDate.of(2027, 3, 9))) {
            created.add(OvergangApiException.call(() -> prison.inmates().createInmate(
                    input(PRISON).actingMunicipality(municipality).expectedReleaseDate(release), null)).getId());
        }
        OvergangClient client = client(Tokens.token("municipality", municipality, "system/ActionPlan.s"), new AtomicInteger());
        List<dk.overgang.sdk.model.WorklistItem> items = Pages.stream(
                cursor -> client.obligations().readWorklist(null, LocalDate.of(2027, 12, 31), 2, cursor),
                dk.overgang.sdk.model.WorklistPage::getItems, dk.overgang.sdk.model.WorklistPage::getLinks).toList();
        assertEquals(3, items.size());
        assertEquals(List.of(LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 26), LocalDate.of(2027, 2, 23)),
                items.stream().map(i -> i.getObligation().getDueDate()).toList(), "R13: 14 days before each release, in order");
        assertEquals(Set.copyOf(created), items.stream().map(dk.overgang.sdk.model.WorklistItem::getInmateId).collect(java.util.stream.Collectors.toSet()));
        assertTrue(items.get(0).getObligation().getReason().contains("engangshjælp"));
    }

    /**
     * R10 through the SDK: the institution assigns KiF supervision and calls the release meeting; the
     * municipality's morning worklist (the example) shows it with time, place and link; KiF sees it too.
     */
    @Test
    void aReleaseMeetingCalledThroughTheSdkShowsInTheMunicipalitysMorningWorklist() {
        String municipality = "183";
        String kif = "kif-sdk-" + UUID.randomUUID().toString().substring(0, 6);
        OvergangClient prison = client(Tokens.token("prison", PRISON, "user/Inmate.cruds user/ReleaseMeeting.cruds"),
                new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(
                input(PRISON).actingMunicipality(municipality).expectedParoleDate(LocalDate.of(2027, 1, 11)), null));
        Supervision supervision = OvergangApiException.call(() -> prison.supervision().recordSupervision(inmate.getId(),
                new SupervisionInput().probationOffice(kif).status(SupervisionStatus.ASSIGNED).from(LocalDate.of(2027, 1, 11)),
                null));
        assertEquals("1", supervision.getMeta().getVersionId());
        java.time.OffsetDateTime startsAt = java.time.OffsetDateTime.now().plusDays(7).withNano(0);
        ReleaseMeeting meeting = OvergangApiException.call(() -> prison.releaseMeetings().createReleaseMeeting(
                new ReleaseMeetingInput().inmateId(inmate.getId()).startsAt(startsAt).place("Mødelokale 4")
                        .videoLink("https://meet.example/sdk"), UUID.randomUUID().toString()));
        assertEquals(List.of("prison", "municipality", "probation"),
                meeting.getInvitees().stream().map(i -> i.getOrgType().getValue()).toList());

        OvergangClient town = client(Tokens.token("municipality", municipality, "system/ActionPlan.s system/ReleaseMeeting.r"),
                new AtomicInteger());
        List<String> csv = dk.overgang.sdk.examples.MorningWorklist.csv(town, LocalDate.now().plusDays(30));
        assertTrue(csv.get(0).endsWith(",meeting"));
        String invitation = csv.stream().filter(line -> line.contains(inmate.getId().toString()) && line.contains("R10"))
                .findFirst().orElseThrow(() -> new AssertionError(csv));
        assertTrue(invitation.contains("Mødelokale 4") && invitation.contains("https://meet.example/sdk"), invitation);

        OvergangClient probation = client(Tokens.token("probation", kif, "system/ActionPlan.s system/Inmate.r"), new AtomicInteger());
        var kifItems = OvergangApiException.call(() -> probation.obligations().readWorklist(null, LocalDate.now().plusDays(30), 100, null));
        assertEquals(List.of(meeting.getId()), kifItems.getItems().stream().map(dk.overgang.sdk.model.WorklistItem::getReleaseMeetingId).toList());
        assertEquals(inmate.getId(), OvergangApiException.call(() -> probation.inmates().readInmate(inmate.getId())).getId(),
                "the supervising office reads the person");
    }

    @Test
    void errorsArriveAsTypedExceptionsCarryingTheProblem() {
        OvergangClient prison = client(Tokens.prison(PRISON), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(PRISON), null));
        OvergangApiException.call(() -> prison.inmates().updateInmate(inmate.getId(),
                input(PRISON).cpr(inmate.getCpr()).birthDate(inmate.getBirthDate()), OvergangClient.ifMatch(inmate.getMeta())));

        var stale = assertThrows(OvergangApiException.class, () -> OvergangApiException.call(() ->
                prison.inmates().updateInmate(inmate.getId(), input(PRISON).cpr(inmate.getCpr()).birthDate(inmate.getBirthDate()),
                        OvergangClient.ifMatch(inmate.getMeta()))));
        assertEquals(412, stale.status());
        assertEquals(OvergangApiException.Kind.PRECONDITION_FAILED, stale.kind());

        OvergangClient otherMunicipality = client(Tokens.municipality("101"), new AtomicInteger());
        var hidden = assertThrows(OvergangApiException.class,
                () -> OvergangApiException.call(() -> otherMunicipality.inmates().readInmate(inmate.getId())));
        assertEquals(OvergangApiException.Kind.NOT_FOUND, hidden.kind());

        var invalid = assertThrows(OvergangApiException.class, () -> OvergangApiException.call(() ->
                prison.inmates().createInmate(input(PRISON).birthDate(LocalDate.of(1970, 1, 1)), null)));
        assertEquals(OvergangApiException.Kind.VALIDATION, invalid.kind());
        assertEquals("birthDate", invalid.problem().orElseThrow().getErrors().get(0).getField());
    }

    @Test
    void theSecretariatPublishesAKspListAndTheMunicipalityProposesAndReadsTheDiff() {
        String kif = "sdk-kif";
        String municipality = "159";
        OvergangClient secretariat = client(Tokens.token("probation", kif, "user/KspList.cruds"), new AtomicInteger());
        OvergangClient municipal = client(Tokens.token("municipality", municipality, "user/KspList.crs"), new AtomicInteger());
        OvergangClient prison = client(Tokens.token("prison", PRISON, "user/Inmate.c"), new AtomicInteger());
        Inmate inmate = OvergangApiException.call(() -> prison.inmates().createInmate(input(PRISON)
                .actingMunicipality(municipality), null));

        KspForum forum = OvergangApiException.call(() -> secretariat.ksp().createKspForum(new KspForumInput()
                .name("KSP Sdk").policeDistrict("sdk-politi").municipalities(Set.of(municipality)), UUID.randomUUID().toString()));
        KspMeeting meeting = OvergangApiException.call(() -> secretariat.ksp().createKspMeeting(new KspMeetingInput()
                .forumId(forum.getId()).date(LocalDate.of(2026, 12, 14)).place("Rådhuset"), null));
        KspList v1 = OvergangApiException.call(() -> secretariat.ksp().publishKspList(meeting.getId(), new KspListInput()
                .addEntriesItem(new KspEntryInput().inmateId(inmate.getId()).reason("Bekymring for tilbagefald")
                        .legalBasis(KspLegalBasis.RELEASED_FROM_INSTITUTION)), null));
        assertEquals("1", v1.getMeta().getVersionId());
        assertEquals(KspWindowStatus.IN_CUSTODY, v1.getEntries().get(0).getWindow().getStatus());

        KspProposal proposal = OvergangApiException.call(() -> municipal.ksp().createKspProposal(meeting.getId(),
                new KspProposalInput().person(new KspPerson().name("Sdk Borger").cpr("150590-1234").municipality(municipality)
                        .custodyFrom(LocalDate.of(2026, 6, 1)).releasedOn(LocalDate.of(2026, 12, 1)))
                        .reason("Ingen bolig efter løsladelsen").legalBasis(KspLegalBasis.RELEASED_FROM_INSTITUTION), null));
        OvergangApiException.call(() -> secretariat.ksp().decideKspProposal(proposal.getId(),
                new KspDecisionInput().decision(KspDecision.ACCEPT)));

        // Stale If-Match: the typed error says so, and nothing changes.
        OvergangApiException stale = assertThrows(OvergangApiException.class, () -> OvergangApiException.call(() ->
                secretariat.ksp().publishKspList(meeting.getId(), new KspListInput(), OvergangClient.ifMatch(v1.getMeta()))));
        assertEquals(412, stale.status());

        KspListDiff diff = OvergangApiException.call(() -> municipal.ksp().diffKspList(meeting.getId(), 1, 2));
        assertEquals(1, diff.getAdded().size());
        assertEquals("Sdk Borger", diff.getAdded().get(0).getName());
        assertEquals(KspOrgType.MUNICIPALITY, diff.getAdded().get(0).getProposedBy().getOrgType());
        assertEquals(2, OvergangApiException.call(() -> municipal.ksp().readKspList(meeting.getId())).getEntries().size());
    }
}
