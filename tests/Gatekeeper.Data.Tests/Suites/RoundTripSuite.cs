using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>Everything an application holds comes back from the store exactly as it was written.</summary>
public abstract class RoundTripSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    [Fact]
    public async Task A_decided_application_with_team_datasets_attachments_and_history_reads_back_unchanged()
    {
        var written = await BuildDecidedApplicationAsync();

        await using (var db = await Store.DbAsync())
        {
            db.Applications.Add(written);
            await db.SaveChangesAsync();
        }

        var read = await StoredAsync(written.Id);

        List<TeamMember> sameTeam = [];
        List<DatasetRequest> sameDatasets = [];
        Assert.Equal(written.Content with { Team = sameTeam, Datasets = sameDatasets }, read.Content with { Team = sameTeam, Datasets = sameDatasets });
        Assert.Equal(
            (written.Reference, written.LineageId, written.Version, written.PreviousVersionId, written.Status, written.ApplicantId, written.ApplicantName, written.OrganisationId),
            (read.Reference, read.LineageId, read.Version, read.PreviousVersionId, read.Status, read.ApplicantId, read.ApplicantName, read.OrganisationId));
        Assert.Equal((written.CreatedAt, written.UpdatedAt, written.SubmittedAt), (read.CreatedAt, read.UpdatedAt, read.SubmittedAt));
        Assert.Equal((written.PolicySha256, written.ConcurrencyStamp), (read.PolicySha256, read.ConcurrencyStamp));
        Assert.Equal(written.Team.OrderBy(t => t.Email), read.Team.OrderBy(t => t.Email));
        Assert.Equal(written.Datasets.Select(d => d.DatasetId), read.Datasets.Select(d => d.DatasetId));
        Assert.Equal(written.Datasets.SelectMany(d => d.Variables), read.Datasets.SelectMany(d => d.Variables));

        var attachment = Assert.Single(read.Attachments);
        var original = written.Attachments[0];
        Assert.Equal(
            (original.Id, original.Kind, original.FileName, original.ContentType, original.SizeBytes, original.Sha256, original.UploadedAt, original.UploadedBy),
            (attachment.Id, attachment.Kind, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Sha256, attachment.UploadedAt, attachment.UploadedBy));

        Assert.Equal(
            written.History.Select(h => (h.Id, h.From, h.To, h.ActorId, h.ActorName, h.At, h.Reason)),
            read.History.OrderBy(h => h.At).Select(h => (h.Id, h.From, h.To, h.ActorId, h.ActorName, h.At, h.Reason)));
    }

    [Fact]
    public async Task Japanese_text_and_symbols_are_stored_without_loss()
    {
        const string title = "糖尿病予備群の歩数とHbA1c（3か月）— ①②③ 🩺 ｶﾀｶﾅ";
        var content = Complete() with { Title = title, LaySummary = "歩数が多い人ほど血糖値が良いかを、集計統計のみで調べます。" };

        var draft = await DraftAsync(content: content);

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(title, stored.Title);
        Assert.Equal(content.LaySummary, stored.LaySummary);
    }

    [Fact]
    public async Task Fields_at_their_maximum_length_fit_the_columns()
    {
        var content = Complete() with
        {
            Title = new string('題', ApplicationLimits.Title),
            LaySummary = new string('概', ApplicationLimits.LaySummary),
            ScientificAbstract = new string('a', ApplicationLimits.ScientificAbstract),
            PurposeDescription = new string('目', ApplicationLimits.PurposeDescription),
            Safeguards = new string('s', ApplicationLimits.Safeguards),
            EthicsApprovalReference = new string('E', ApplicationLimits.EthicsApprovalReference),
        };

        var draft = await DraftAsync(content: content);

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(content.Title, stored.Title);
        Assert.Equal(content.ScientificAbstract, stored.ScientificAbstract);
        Assert.Equal(content.EthicsApprovalReference, stored.EthicsApprovalReference);
    }

    private async Task<SecondaryUseApplication> BuildDecidedApplicationAsync()
    {
        var sato = TestActors.Sato;
        var now = Store.Time.GetUtcNow();
        var content = Complete(sato, "mori@u-tokyo-hosp.example", "analyst@kenko-ventures.example") with
        {
            PurposeCategory = "scientific-research",
            EthicsApprovalReference = "UTH-IRB-2026-0412",
            Datasets =
            [
                new DatasetRequest
                {
                    DatasetId = "dpp",
                    Variables =
                    [
                        new VariableRequest { Table = "participants", Name = "sex", Justification = "性別で層別化するため / stratification by sex." },
                        new VariableRequest { Table = "hba1c", Name = "hba1c", Justification = "HbA1c change is the primary outcome." },
                        new VariableRequest { Table = "activity", Name = "step", Justification = "Daily steps are the exposure." },
                    ],
                },
            ],
        };
        var app = SecondaryUseApplication.StartDraft(sato, $"GK-RT-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}", content, now).Value!;
        var protocol = new ApplicationAttachment
        {
            ApplicationId = app.Id, Kind = ApplicationRules.ProtocolAttachmentKind, FileName = "研究計画書 v2.pdf", ContentType = "application/pdf",
            SizeBytes = 48213, Sha256 = new string('c', 64), UploadedAt = now.AddMinutes(5), UploadedBy = sato.UserId,
        };
        Assert.True(app.AddAttachment(sato, protocol, app.ConcurrencyStamp, now.AddMinutes(5)).Succeeded);
        Organisation organisation;
        await using (var db = await Store.DbAsync())
            organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == sato.OrganisationId);
        var catalogue = await Store.Get<CatalogueService>().SnapshotAsync(None);
        var submit = app.Submit(sato, catalogue, Store.Get<PurposePolicy>(), organisation, app.ConcurrencyStamp, now.AddHours(1));
        Assert.True(submit.Succeeded, submit.ToString());
        Assert.True(app.Decide(TestActors.Chair, approve: true, "承認：集計統計のみ / aggregate outputs only.", app.ConcurrencyStamp, now.AddDays(3)).Succeeded);
        return app;
    }
}
