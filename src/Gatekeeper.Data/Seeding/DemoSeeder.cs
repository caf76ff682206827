using Gatekeeper.Data.Catalogue;
using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.Data.Seeding;

/// <summary>
/// Fills an empty store with the demo directory, the diabetes-prevention catalogue entry and a few
/// applications in different states, created through the domain so they obey its rules.
/// Runs once: a store that already has organisations is left alone.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<GatekeeperDbContext> factory, PurposePolicy policy, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Organisations.AnyAsync(cancellationToken)) return;

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Organisations.AddRange(DemoDirectory.Organisations.Select(Copy));
        db.UserProfiles.AddRange(DemoDirectory.Users.Select(Copy));
        db.Accreditations.AddRange(DemoAccreditations(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        var dataset = DiabetesPreventionCatalogue.Create();
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var app in SampleApplications(new CatalogueSnapshot([dataset])))
            db.Applications.Add(app);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Organisations} organisations, {Users} users, 1 dataset, sample applications",
            DemoDirectory.Organisations.Count, DemoDirectory.Users.Count);
    }

    private IEnumerable<SecondaryUseApplication> SampleApplications(CatalogueSnapshot catalogue)
    {
        var sato = ActorFor("researcher-sato");
        var chair = ActorFor("chair-nakamura");
        var now = time.GetUtcNow();
        var org = DemoDirectory.Organisations.First(o => o.Id == sato.OrganisationId);

        var submitted = Draft(sato, "GK-DEMO-0001", now.AddDays(-20), StepsStudy(now));
        Require(submitted.Submit(sato, catalogue, policy, org, submitted.ConcurrencyStamp, now.AddDays(-19)));
        yield return submitted;

        var approved = Draft(sato, "GK-DEMO-0002", now.AddDays(-90), StepsStudy(now) with
        {
            Title = "保健指導介入による3か月後HbA1c変化の評価 / HbA1c change after 3 months of guidance",
            PurposeCategory = "public-interest",
        });
        Require(approved.Submit(sato, catalogue, policy, org, approved.ConcurrencyStamp, now.AddDays(-85)));
        Require(approved.Decide(chair, approve: true, "Proportionate variables; aggregate outputs only.", approved.ConcurrencyStamp, now.AddDays(-30)));
        yield return approved;

        yield return Draft(sato, "GK-DEMO-0003", now.AddDays(-2), new ApplicationContent
        {
            Title = "家庭血圧と歩数の関連 / Home blood pressure and daily steps",
            LaySummary = "歩数が多い人ほど家庭血圧が低いかを調べます。",
            PurposeCategory = "scientific-research",
        });
    }

    /// <summary>Everyone is accredited, except that 田中's safe-researcher accreditation has expired (to show the refusal).</summary>
    private IEnumerable<Accreditation> DemoAccreditations(DateOnly today)
    {
        foreach (var user in DemoDirectory.Users)
        {
            foreach (var kind in new[] { "research-ethics", "safe-researcher", "information-security" })
            {
                var expired = user.Id == "researcher-tanaka" && kind == "safe-researcher";
                yield return new Accreditation
                {
                    UserId = user.Id, Kind = kind, Issuer = "Gatekeeper training programme", Reference = $"TR-{user.Id}-{kind}",
                    ValidFrom = today.AddYears(expired ? -3 : -1), ValidUntil = expired ? today.AddDays(-30) : today.AddYears(2),
                    RecordedAt = time.GetUtcNow(), RecordedBy = "system",
                };
            }
        }
    }

    private static ApplicationContent StepsStudy(DateTimeOffset now) => new()
    {
        Title = "歩数と血糖コントロールの関連 / Daily steps and glycaemic control in pre-diabetes",
        LaySummary = "糖尿病予備群と軽症糖尿病の方の1日の歩数とHbA1cの変化の関係を、集計統計のみで調べます。個人が特定される情報は使いません。",
        ScientificAbstract = "We estimate the association between mean daily step count and the 3-month change in HbA1c among participants of the "
                             + "diabetes-prevention programme, by consortium and HbA1c group, using aggregate statistics only.",
        PurposeCategory = "public-interest",
        PurposeDescription = "Evidence for workplace health-guidance policy: whether wearable-supported activity goals lower HbA1c.",
        RequestedTier = OutputTier.AggregateStatistics,
        PeriodStart = DateOnly.FromDateTime(now.UtcDateTime),
        PeriodEnd = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(12),
        Safeguards = "Analysis only inside the visiting environment; outputs through disclosure control; team trained in research ethics.",
        EthicsApprovalReference = "UTH-IRB-2026-0412",
        ProhibitedUsesDeclined = true,
        Team =
        [
            new() { Name = "佐藤 花子", Email = "sato@u-tokyo-hosp.example", Organisation = "東京大学医学部附属病院", ProjectRole = "Principal investigator" },
        ],
        Datasets =
        [
            new()
            {
                DatasetId = DiabetesPreventionCatalogue.DatasetId,
                Variables =
                [
                    new() { Table = "participants", Name = "consortium_id", Justification = "Results are compared between consortia." },
                    new() { Table = "activity", Name = "step", Justification = "Daily steps are the exposure of the study." },
                    new() { Table = "hba1c", Name = "hba1c", Justification = "HbA1c change is the primary outcome." },
                ],
            },
        ],
    };

    private static SecondaryUseApplication Draft(Actor actor, string reference, DateTimeOffset at, ApplicationContent content)
    {
        var result = SecondaryUseApplication.StartDraft(actor, reference, content, at);
        return result.Succeeded ? result.Value! : throw new InvalidOperationException($"Demo draft invalid: {string.Join("; ", result.Errors)}");
    }

    private static void Require(DomainResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Demo data violates a rule: {result}");
    }

    private static Actor ActorFor(string userId)
    {
        var u = DemoDirectory.Users.First(x => x.Id == userId);
        return new Actor(u.Id, u.DisplayName, u.Email, u.OrganisationId, u.Roles.ToHashSet());
    }

    private static Organisation Copy(Organisation o) =>
        new() { Id = o.Id, Name = o.Name, NameJa = o.NameJa, IsCertifiedOperator = o.IsCertifiedOperator };

    private static UserProfile Copy(UserProfile u) =>
        new() { Id = u.Id, DisplayName = u.DisplayName, Email = u.Email, OrganisationId = u.OrganisationId, Roles = [.. u.Roles] };
}
