using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Testing.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>The data stewards' API on the real host: who may use it, what it refuses, and imports and consent end to end.</summary>
public sealed class DataApiTests(DataApiTests.Host host) : IClassFixture<DataApiTests.Host>
{
    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    private const string Base = "/api/v1/data/datasets/dpp";

    [Theory]
    [InlineData("researcher-sato")]
    [InlineData("chair-nakamura")]
    [InlineData("admin-yamada")]
    public async Task Only_data_stewards_reach_the_data_api(string userId)
    {
        var other = await host.Web.SignInAsync(userId);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Base + "/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Base + "/consent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync(Base + "/consent/events", new { participantId = "X", action = "OptOut", effectiveFrom = "2026-01-01" })).StatusCode);
        using var upload = Upload("participants.csv", HolderFiles.Participants(3));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(Base + "/imports", upload)).StatusCode);
        var page = await other.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_steward_imports_a_file_gets_its_report_and_history_and_the_same_file_again_changes_nothing()
    {
        var steward = await host.Web.SignInAsync("steward-ito");
        // 300 good rows and 2 with sex code 7: 0.66 % rejected, under the 1 % limit.
        var text = HolderFiles.Participants(300, bad: 2, updateTime: "20250325060000123");

        using var first = Upload("participants.csv", text, kind: "participants");
        var response = await steward.PostAsync(Base + "/imports", first);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var import = body.RootElement.GetProperty("import");
        Assert.Equal("Committed", import.GetProperty("outcome").GetString());
        Assert.Equal(2, import.GetProperty("rejectedRows").GetInt64());
        Assert.Equal("steward-ito", import.GetProperty("importedBy").GetString());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["sex", "sex"], errors.Select(e => e.GetProperty("field").GetString()));
        Assert.All(errors, e => Assert.Equal("code-list", e.GetProperty("rule").GetString()));
        Assert.Equal([302L, 303L], errors.Select(e => e.GetProperty("line").GetInt64()));
        var importId = import.GetProperty("importId").GetString()!;
        var sha = import.GetProperty("sha256").GetString()!;
        Assert.DoesNotContain("DPP0000301", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var report = await steward.GetAsync($"{Base}/imports/{importId}/report.csv");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var csv = await report.Content.ReadAsStringAsync();
        Assert.Contains("file,line,field,value,rule,message", csv, StringComparison.Ordinal);
        Assert.Contains("participants.csv,302,sex,7,code-list", csv, StringComparison.Ordinal);

        using var again = Upload("participants-resent.csv", text);
        using var second = JsonDocument.Parse(await (await steward.PostAsync(Base + "/imports", again)).Content.ReadAsStringAsync());
        Assert.Equal("AlreadyImported", second.RootElement.GetProperty("import").GetProperty("outcome").GetString());

        using var history = JsonDocument.Parse(await steward.GetStringAsync(Base + "/imports"));
        var rows = history.RootElement.EnumerateArray().Where(r => r.GetProperty("sha256").GetString() == sha).ToList();
        Assert.Equal(["AlreadyImported", "Committed"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["participants-resent.csv", "participants.csv"], rows.Select(r => r.GetProperty("fileName").GetString()));

        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        var audited = await db.Set<AuditEntryRow>().Where(e => e.Action == AuditActions.DatasetImported).ToListAsync();
        var entry = Assert.Single(audited, e => e.SubjectIds.Contains(importId));
        Assert.Equal(sha, entry.Details![AuditDetailKeys.Sha256]);
        Assert.Equal("steward-ito", entry.ActorId);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_naming_field_and_rule()
    {
        var steward = await host.Web.SignInAsync("steward-ito");

        using var notCsv = Upload("participants.txt", HolderFiles.Participants(2));
        var wrongName = await steward.PostAsync(Base + "/imports", notCsv);
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Contains(("file", "file-type"), await wrongName.ReadErrorsAsync());

        using var badKind = Upload("participants.csv", HolderFiles.Participants(2), kind: "genome");
        var kind = await steward.PostAsync(Base + "/imports", badKind);
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Contains(("kind", "code-list"), await kind.ReadErrorsAsync());

        using var unknown = Upload("participants.csv", HolderFiles.Participants(2));
        Assert.Equal(HttpStatusCode.NotFound, (await steward.PostAsync("/api/v1/data/datasets/nope/imports", unknown)).StatusCode);

        // A weight file that is really a participants list: refused whole, nothing published.
        using var mislabelled = Upload("weight.csv", HolderFiles.Participants(4), kind: "weight");
        using var refused = JsonDocument.Parse(await (await steward.PostAsync(Base + "/imports", mislabelled)).Content.ReadAsStringAsync());
        Assert.Equal("Refused", refused.RootElement.GetProperty("import").GetProperty("outcome").GetString());
        Assert.Equal("header", refused.RootElement.GetProperty("errors")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_steward_records_and_reads_consent_and_the_audit_never_holds_the_identifier()
    {
        var steward = await host.Web.SignInAsync("steward-ito");
        var participant = "LETTER-" + Guid.NewGuid().ToString("N")[..8];

        var created = await steward.PostJsonAsync(Base + "/consent/events", new { participantId = participant, action = "Refusal", purposeCode = "ai-training", effectiveFrom = "2026-11-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var view = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var pseudonym = view.RootElement.GetProperty("pseudonym").GetString()!;
        Assert.Equal(32, pseudonym.Length);

        using var events = JsonDocument.Parse(await steward.GetStringAsync($"{Base}/consent/events?pseudonym={pseudonym}"));
        Assert.Equal("Refusal", Assert.Single(events.RootElement.EnumerateArray()).GetProperty("action").GetString());
        using var overview = JsonDocument.Parse(await steward.GetStringAsync(Base + "/consent"));
        var ai = overview.RootElement.GetProperty("purposes").EnumerateArray().Single(p => p.GetProperty("purposeCode").GetString() == "ai-training");
        Assert.True(ai.GetProperty("refusing").GetInt32() >= 1);

        var noPurpose = await steward.PostJsonAsync(Base + "/consent/events", new { participantId = participant, action = "Refusal", effectiveFrom = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        Assert.Contains(("purposeCode", "required"), await noPurpose.ReadErrorsAsync());
        var both = await steward.PostJsonAsync(Base + "/consent/events", new { participantId = participant, pseudonym, action = "OptOut", effectiveFrom = "2026-11-01" });
        Assert.Contains(("participantId", "one-of"), await both.ReadErrorsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await steward.GetAsync($"{Base}/consent/events?pseudonym=DPP0000001")).StatusCode);

        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        var audit = await db.Set<AuditEntryRow>().Where(e => e.Action == AuditActions.ConsentChanged).ToListAsync();
        Assert.Contains(audit, e => e.ActorId == "steward-ito" && e.Details![AuditDetailKeys.Purpose] == "ai-training");
        var all = JsonSerializer.Serialize(await db.Set<AuditEntryRow>().ToListAsync());
        Assert.DoesNotContain(participant, all, StringComparison.Ordinal);
        Assert.DoesNotContain(pseudonym, all, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Upload(string name, string text, string? kind = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        if (kind is not null) content.Add(new StringContent(kind), "kind");
        return content;
    }
}
