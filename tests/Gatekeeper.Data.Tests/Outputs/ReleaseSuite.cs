using System.IO.Compression;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Outputs;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

using Gatekeeper.Testing.Outputs;

namespace Gatekeeper.Data.Tests.Outputs;

/// <summary>
/// The exit review on each store: the researcher's submission rules, two independent checkers blinded to each other,
/// the comment rule, the consolidating decision, the release package (its manifest's hashes match its files), audited
/// downloads, returns and new rounds, and separation of duties.
/// </summary>
public abstract class ReleaseSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private static readonly Actor Kobayashi = TestActors.For("checker-kobayashi");
    private static readonly Actor Kato = TestActors.For("checker-kato");

    private OutputReleaseService Releases => Store.Get<OutputReleaseService>();

    private OutputCheckingService Checking => Store.Get<OutputCheckingService>();

    [Fact]
    public async Task A_failing_output_with_an_exception_is_released_after_two_blinded_reviews_and_the_package_matches_its_manifest()
    {
        var s = await ReleaseScenario.CreateAsync(Store);
        var view = (await Releases.GetForRunAsync(TestActors.Sato, s.Run.Id, None))!;
        Assert.Equal(ReleaseStatuses.Pending, view.Request.Status);
        var passing = view.Files.Single(f => f.Name == "by_consortium");
        var failing = view.Files.Single(f => f.Name == "small_cells");

        // The researcher must describe the outputs and ask for an exception for the failing one, or leave it out.
        var refused = await Releases.SubmitAsync(TestActors.Sato, s.Request.Id, new ReleaseDraft { Description = "short" }, None);
        Assert.Contains(refused.Errors, e => e is { Field: "description", Rule: "required" });
        Assert.Contains(refused.Errors, e => e.Rule == "exception-required" && e.Message.Contains("small_cells", StringComparison.Ordinal));
        Assert.Equal(ReleaseStatuses.Pending, (await Releases.GetForRunAsync(TestActors.Sato, s.Run.Id, None))!.Request.Status);

        Ok(await Releases.SubmitAsync(TestActors.Sato, s.Request.Id, new ReleaseDraft
        {
            Description = "Participants per consortium for the programme's baseline table.",
            Files = [new(passing.Id, true, "Table 1", null), new(failing.Id, true, "Table 2", "C08 is the pilot site; its count is published in the programme report.")],
        }, None));
        Assert.Equal((ReleaseStatuses.Submitted, 1), await StatusAsync(s.Request.Id));

        // Kobayashi: approving what the automation failed needs a comment.
        var noComment = await Checking.SaveVoteAsync(Kobayashi, s.Request.Id, failing.Id, FileVoteChoices.Approve, null, None);
        Assert.Equal(("comment", "comment-required"), (noComment.Errors[0].Field, noComment.Errors[0].Rule));
        Ok(await Checking.SaveVoteAsync(Kobayashi, s.Request.Id, passing.Id, FileVoteChoices.Approve, null, None));
        var early = await Checking.SubmitReviewAsync(Kobayashi, s.Request.Id, null, None);
        Assert.Equal("vote-every-file", early.Errors[0].Rule);
        Ok(await Checking.SaveVoteAsync(Kobayashi, s.Request.Id, failing.Id, FileVoteChoices.Approve, "Already public in the programme report.", None));
        Ok(await Checking.SubmitReviewAsync(Kobayashi, s.Request.Id, null, None));
        Assert.Equal((ReleaseStatuses.PartiallyReviewed, 1), await StatusAsync(s.Request.Id));

        // Kato cannot see Kobayashi's votes until her own review is in.
        var blinded = (await Checking.GetAsync(Kato, s.Request.Id, None))!;
        Assert.True(blinded.Blinded);
        Assert.Empty(blinded.OtherVotes);
        Assert.True(blinded.CanVote);
        Ok(await Checking.SaveVoteAsync(Kato, s.Request.Id, passing.Id, FileVoteChoices.Approve, null, None));
        Ok(await Checking.SaveVoteAsync(Kato, s.Request.Id, failing.Id, FileVoteChoices.Approve, "Agree: public figure.", None));
        Ok(await Checking.SubmitReviewAsync(Kato, s.Request.Id, null, None));
        Assert.Equal((ReleaseStatuses.Reviewed, 1), await StatusAsync(s.Request.Id));
        var unblinded = (await Checking.GetAsync(Kobayashi, s.Request.Id, None))!;
        Assert.False(unblinded.Blinded);
        Assert.Equal(2, unblinded.OtherVotes.Count);
        Assert.Equal(2, unblinded.ApprovedByBoth.Count);

        Ok(await Checking.DecideAsync(Kobayashi, s.Request.Id, "approve", null, None));
        Assert.Equal((ReleaseStatuses.Released, 1), await StatusAsync(s.Request.Id));

        var download = (await Releases.DownloadAsync(TestActors.Sato, s.Request.Id, None))!;
        using var zip = new ZipArchive(new MemoryStream(download.Content));
        using var manifest = JsonDocument.Parse(zip.GetEntry(ReleasePackageStore.ManifestName)!.Open());
        var outputs = manifest.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(2, outputs.Count);
        foreach (var output in outputs)
        {
            using var content = new MemoryStream();
            await zip.GetEntry(output.GetProperty("file").GetString()!)!.Open().CopyToAsync(content);
            Assert.Equal(output.GetProperty("sha256").GetString(), ReleaseScenario.Sha(content.ToArray()));
        }

        // An approved exception releases the table as run, not the protected version.
        var small = outputs.Single(o => o.GetProperty("name").GetString() == "small_cells");
        Assert.Equal(("as-run", ReleaseScenario.Sha(ReleaseScenario.FailingCsv)), (small.GetProperty("version").GetString(), small.GetProperty("sha256").GetString()));
        Assert.NotNull(zip.GetEntry(ReleasePackageStore.SummaryName));
        // The policy lets the as-run table leave as Parquet too; its hash is in the manifest.
        var parquet = small.GetProperty("parquet");
        using (var bytes = new MemoryStream())
        {
            await zip.GetEntry(parquet.GetProperty("file").GetString()!)!.Open().CopyToAsync(bytes);
            Assert.Equal(parquet.GetProperty("sha256").GetString(), ReleaseScenario.Sha(bytes.ToArray()));
        }

        Assert.Equal(JsonValueKind.Null, outputs.Single(o => o.GetProperty("name").GetString() == "by_consortium").GetProperty("parquet").ValueKind);

        await using var db = await Store.DbAsync();
        Assert.Equal(2, await db.ReleasedOutputs.CountAsync(r => r.RequestId == s.Request.Id));
        Assert.All(await db.RunOutputs.Where(o => o.RunId == s.Run.Id).ToListAsync(), o => Assert.Equal(OutputStatuses.Released, o.Status));
        Assert.Equal(1, await CountAuditAsync(db, AuditActions.ReleaseCreated, s.Request.Id.ToString()));
        Assert.Equal(1, await CountAuditAsync(db, AuditActions.ReleaseDownloaded, s.Request.Id.ToString()));
        var news = await db.Notifications.AsNoTracking().Where(n => n.Reference == s.Request.Number).ToListAsync();
        Assert.Contains(news, n => n.UserId == TestActors.Sato.UserId && n.Href == $"/permits/{s.Permit.Id}/runs/{s.Run.Id}/release" && n.TitleEn.Contains("ready", StringComparison.Ordinal));
        Assert.All(news.Where(n => n.UserId != TestActors.Sato.UserId), n => Assert.Equal($"/outputs/{s.Request.Id}", n.Href));
        var outputIds = (await db.RunOutputs.Where(o => o.RunId == s.Run.Id).Select(o => o.Id).ToListAsync()).Select(id => id.ToString()).ToList();
        Assert.Equal(2, await db.Set<AuditEntryRow>().CountAsync(e => e.Action == AuditActions.CheckResult && outputIds.Contains(e.SubjectId!)));
    }

    [Fact]
    public async Task A_file_only_one_checker_approved_is_withheld_and_leaves_in_its_protected_version_never()
    {
        var s = await ReleaseScenario.CreateAsync(Store);
        var files = await SubmitBothAsync(s);
        var (passing, failing) = (files.Single(f => f.Name == "by_consortium"), files.Single(f => f.Name == "small_cells"));

        await ReviewAsync(Kobayashi, s, (passing, FileVoteChoices.Approve, null), (failing, FileVoteChoices.RequestChanges, null));
        await ReviewAsync(Kato, s, (passing, FileVoteChoices.Approve, null), (failing, FileVoteChoices.Approve, "Looks fine to me."));
        Ok(await Checking.DecideAsync(Kato, s.Request.Id, "approve", "Table 1 only.", None));

        var download = (await Releases.DownloadAsync(TestActors.Sato, s.Request.Id, None))!;
        using var zip = new ZipArchive(new MemoryStream(download.Content));
        Assert.NotNull(zip.GetEntry("outputs/by_consortium.csv"));
        Assert.Null(zip.GetEntry("outputs/small_cells.csv"));
        await using var db = await Store.DbAsync();
        var statuses = await db.RunOutputs.Where(o => o.RunId == s.Run.Id).ToDictionaryAsync(o => o.Name, o => o.Status);
        Assert.Equal((OutputStatuses.Released, OutputStatuses.Blocked), (statuses["by_consortium"], statuses["small_cells"]));
    }

    [Fact]
    public async Task A_returned_request_goes_back_to_the_researcher_and_a_resubmission_starts_a_new_round()
    {
        var s = await ReleaseScenario.CreateAsync(Store);
        var files = await SubmitBothAsync(s);
        await ReviewAsync(Kobayashi, s, [.. files.Select(f => (f, FileVoteChoices.RequestChanges, (string?)"Round the counts."))]);
        await ReviewAsync(Kato, s, [.. files.Select(f => (f, FileVoteChoices.RequestChanges, (string?)"Agree."))]);

        var noReason = await Checking.DecideAsync(Kato, s.Request.Id, "return", null, None);
        Assert.Equal("comment", noReason.Errors[0].Field);
        Ok(await Checking.DecideAsync(Kato, s.Request.Id, "return", "Round counts to base 5 and resubmit.", None));
        var returned = (await Releases.GetForRunAsync(TestActors.Sato, s.Run.Id, None))!;
        Assert.Equal(ReleaseStatuses.Returned, returned.Request.Status);
        Assert.True(returned.CanEdit);
        Assert.Contains(returned.DecidedVotes, v => v.Comment == "Round the counts.");

        Ok(await Releases.SubmitAsync(TestActors.Sato, s.Request.Id, new ReleaseDraft { Files = [new(files.Single(f => f.Name == "small_cells").Id, false, null, null)] }, None));
        Assert.Equal((ReleaseStatuses.Submitted, 2), await StatusAsync(s.Request.Id));
        var round2 = (await Checking.GetAsync(Kobayashi, s.Request.Id, None))!;
        Assert.True(round2.CanVote);
        Assert.Empty(round2.MyVotes);
        Assert.Single(round2.Files);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_blocks_every_file()
    {
        var s = await ReleaseScenario.CreateAsync(Store);
        var files = await SubmitBothAsync(s);
        await ReviewAsync(Kobayashi, s, [.. files.Select(f => (f, FileVoteChoices.RequestChanges, (string?)"Identifies a site."))]);
        await ReviewAsync(Kato, s, [.. files.Select(f => (f, FileVoteChoices.RequestChanges, (string?)"Agree."))]);

        Assert.Equal("nothing-approved", (await Checking.DecideAsync(Kato, s.Request.Id, "approve", null, None)).Errors[0].Rule);
        Ok(await Checking.DecideAsync(Kato, s.Request.Id, "reject", "Site-level output is outside the permit.", None));
        Assert.Equal((ReleaseStatuses.Rejected, 1), await StatusAsync(s.Request.Id));
        Assert.Null(await Releases.DownloadAsync(TestActors.Sato, s.Request.Id, None));
        await using var db = await Store.DbAsync();
        Assert.All(await db.RunOutputs.Where(o => o.RunId == s.Run.Id).ToListAsync(), o => Assert.Equal(OutputStatuses.Blocked, o.Status));
    }

    [Fact]
    public async Task A_checker_named_on_the_team_never_sees_the_request_and_the_same_checker_cannot_review_twice()
    {
        var s = await ReleaseScenario.CreateAsync(Store, Kobayashi.Email);
        var files = await SubmitBothAsync(s);

        Assert.Null(await Checking.GetAsync(Kobayashi, s.Request.Id, None));
        Assert.DoesNotContain(await Checking.QueueAsync(Kobayashi, includeDecided: true, None), i => i.Request.Id == s.Request.Id);
        Assert.Equal("not-found", (await Checking.SaveVoteAsync(Kobayashi, s.Request.Id, files[0].Id, FileVoteChoices.Approve, null, None)).Errors[0].Rule);
        Assert.Null(await Checking.GetAsync(TestActors.Sato, s.Request.Id, None));

        await ReviewAsync(Kato, s, [.. files.Select(f => (f, FileVoteChoices.Approve, (string?)"ok"))]);
        var again = await Checking.SubmitReviewAsync(Kato, s.Request.Id, null, None);
        Assert.Equal("review-submitted", again.Errors[0].Rule);
        Assert.Equal((ReleaseStatuses.PartiallyReviewed, 1), await StatusAsync(s.Request.Id));
    }

    [Fact]
    public async Task An_output_over_the_policys_release_limit_cannot_be_submitted_even_with_an_exception()
    {
        var s = await ReleaseScenario.CreateAsync(Store);
        await using (var db = await Store.DbAsync())
        {
            await db.ReleaseFiles.Where(f => f.RequestId == s.Request.Id && f.Name == "by_consortium")
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.LimitViolation, "250,000 rows exceed the policy's limit of 100,000 rows per released output."));
        }

        var files = (await Releases.GetForRunAsync(TestActors.Sato, s.Run.Id, None))!.Files;
        var refused = await Releases.SubmitAsync(TestActors.Sato, s.Request.Id, new ReleaseDraft
        {
            Description = "Participants per consortium for the programme's baseline table.",
            Files = [.. files.Select(f => new ReleaseFileDraft(f.Id, true, null, f.FailsAutomatically ? "Published in the programme report." : null))],
        }, None);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("limit-exceeded", error.Rule);
        Assert.Contains("by_consortium", error.Message, StringComparison.Ordinal);
        Assert.Equal((ReleaseStatuses.Pending, 0), await StatusAsync(s.Request.Id));
    }

    [Fact]
    public async Task A_researcher_not_on_the_team_sees_nothing_and_cannot_download()
    {
        var s = await ReleaseScenario.CreateAsync(Store);

        Assert.Null(await Releases.GetForRunAsync(TestActors.Suzuki, s.Run.Id, None));
        Assert.Equal("not-found", (await Releases.SubmitAsync(TestActors.Suzuki, s.Request.Id, null, None)).Errors[0].Rule);
        Assert.Null(await Releases.DownloadAsync(TestActors.Suzuki, s.Request.Id, None));
    }

    private async Task<IReadOnlyList<ReleaseFile>> SubmitBothAsync(ReleaseScenario s)
    {
        var files = (await Releases.GetForRunAsync(TestActors.Sato, s.Run.Id, None))!.Files;
        Ok(await Releases.SubmitAsync(TestActors.Sato, s.Request.Id, new ReleaseDraft
        {
            Description = "Participants per consortium for the programme's baseline table.",
            Files = [.. files.Select(f => new ReleaseFileDraft(f.Id, true, null, f.FailsAutomatically ? "Published in the programme report." : null))],
        }, None));
        return files;
    }

    private async Task ReviewAsync(Actor checker, ReleaseScenario s, params (ReleaseFile File, string Choice, string? Comment)[] votes)
    {
        foreach (var (file, choice, comment) in votes) Ok(await Checking.SaveVoteAsync(checker, s.Request.Id, file.Id, choice, comment, None));
        Ok(await Checking.SubmitReviewAsync(checker, s.Request.Id, null, None));
    }

    private async Task<(string, int)> StatusAsync(Guid requestId)
    {
        await using var db = await Store.DbAsync();
        var r = await db.ReleaseRequests.AsNoTracking().SingleAsync(x => x.Id == requestId);
        return (r.Status, r.Round);
    }

    private static Task<int> CountAuditAsync(GatekeeperDbContext db, string action, string subjectId) =>
        db.Set<AuditEntryRow>().CountAsync(e => e.Action == action && e.SubjectId == subjectId);

    private static void Ok(DomainResult result) => Assert.True(result.Succeeded, result.ToString());
}
