using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gatekeeper.Data.Applications;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Web.Api;

namespace Gatekeeper.IntegrationTests;

/// <summary>The application API end to end through real HTTP on a Kestrel loopback port.</summary>
public sealed class ApplicationsApiTests(ApplicationsApiTests.Host host) : IClassFixture<ApplicationsApiTests.Host>
{
    public sealed class Host() : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new(settings: new Dictionary<string, string?> { ["Gatekeeper:Attachments:MaxBytes"] = "4096" });

        public void Dispose() => Web.Dispose();
    }

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_researcher_creates_saves_attaches_and_submits_an_application()
    {
        var client = await host.Web.SignInAsync("researcher-sato");

        var created = await client.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "Draft title" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadApplicationAsync();
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal(1, draft.Version);

        var saved = await client.PutJsonAsync($"/api/v1/applications/{draft.Id}", new SaveDraftRequest(SampleContent.Complete(Today), draft.ConcurrencyStamp));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var afterSave = await saved.ReadApplicationAsync();
        Assert.Equal("Daily steps and HbA1c in pre-diabetes", afterSave.Content.Title);

        var pdf = SampleContent.Pdf();
        var uploaded = await UploadAsync(client, draft.Id, afterSave.ConcurrencyStamp, pdf, "protocol.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var withProtocol = await uploaded.ReadApplicationAsync();
        var attachment = Assert.Single(withProtocol.Attachments);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attachment.Sha256);

        var submitted = await client.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new TransitionRequest(withProtocol.ConcurrencyStamp, null));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var app = await submitted.ReadApplicationAsync();
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
        Assert.NotNull(app.PolicySha256);
        Assert.Equal([ApplicationStatus.Draft, ApplicationStatus.Submitted], app.History.Select(h => h.To));

        var list = await client.GetFromJsonAsync<List<ApplicationSummary>>("/api/v1/applications", ApiJson.Options);
        Assert.Contains(list!, s => s.Id == draft.Id && s.Status == ApplicationStatus.Submitted);

        var download = await client.GetAsync($"/api/v1/applications/{draft.Id}/attachments/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_submitted_application_is_immutable_and_cannot_be_submitted_twice()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var app = await SubmittedAsync(client);

        var edit = await client.PutJsonAsync($"/api/v1/applications/{app.Id}", new SaveDraftRequest(SampleContent.Complete(Today) with { Title = "Changed" }, app.ConcurrencyStamp));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains(("status", "immutable"), await edit.ReadErrorsAsync());

        var again = await client.PostJsonAsync($"/api/v1/applications/{app.Id}/submit", new TransitionRequest(app.ConcurrencyStamp, null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(("status", "already-submitted"), await again.ReadErrorsAsync());

        var current = await (await client.GetAsync($"/api/v1/applications/{app.Id}")).ReadApplicationAsync();
        Assert.Equal("Daily steps and HbA1c in pre-diabetes", current.Content.Title);
        Assert.Equal(2, current.History.Count);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_409_and_changes_nothing()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var draft = await (await client.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "First" })).ReadApplicationAsync();
        var firstSave = await client.PutJsonAsync($"/api/v1/applications/{draft.Id}", new SaveDraftRequest(new ApplicationContent { Title = "Second" }, draft.ConcurrencyStamp));
        Assert.Equal(HttpStatusCode.OK, firstSave.StatusCode);

        var stale = await client.PutJsonAsync($"/api/v1/applications/{draft.Id}", new SaveDraftRequest(new ApplicationContent { Title = "Third" }, draft.ConcurrencyStamp));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(("concurrencyStamp", "stale-edit"), await stale.ReadErrorsAsync());

        var current = await (await client.GetAsync($"/api/v1/applications/{draft.Id}")).ReadApplicationAsync();
        Assert.Equal("Second", current.Content.Title);
    }

    [Fact]
    public async Task Submitting_an_incomplete_application_names_each_field_and_rule()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var draft = await (await client.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "Only a title" })).ReadApplicationAsync();

        var response = await client.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new TransitionRequest(draft.ConcurrencyStamp, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ReadErrorsAsync();
        Assert.Contains(("laySummary", "required"), errors);
        Assert.Contains(("purposeCategory", "required"), errors);
        Assert.Contains(("requestedTier", "required"), errors);
        Assert.Contains(("datasets", "required"), errors);
        Assert.Contains(("prohibitedUsesDeclined", "declaration-required"), errors);
        var unchanged = await (await client.GetAsync($"/api/v1/applications/{draft.Id}")).ReadApplicationAsync();
        Assert.Equal(ApplicationStatus.Draft, unchanged.Status);
    }

    [Fact]
    public async Task A_prohibited_purpose_is_refused_at_submission()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var content = SampleContent.Complete(Today) with { PurposeDescription = "顧客ごとの保険料の設定に利用する" };
        var response = await CreateAndSubmitAsync(client, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(("purposeDescription", "prohibited-use"), await response.ReadErrorsAsync());
        Assert.Contains("Insurance pricing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pseudonymised_microdata_needs_a_certified_operator_organisation()
    {
        var content = SampleContent.Complete(Today) with { RequestedTier = OutputTier.PseudonymisedMicrodata };

        var refused = await CreateAndSubmitAsync(await host.Web.SignInAsync("researcher-sato"), content);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(("requestedTier", "tier-requires-certified-operator"), await refused.ReadErrorsAsync());

        var accepted = await CreateAndSubmitAsync(await host.Web.SignInAsync("researcher-suzuki"), content with
        {
            Team = [new TeamMember { Name = "Jiro Suzuki", Email = "suzuki@medinfra.example", Organisation = "MedInfra", ProjectRole = "PI" }],
        });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Unknown_datasets_and_variables_are_named_in_the_error()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var content = SampleContent.Complete(Today) with
        {
            Datasets =
            [
                new DatasetRequest { DatasetId = "no-such-dataset", Variables = [new VariableRequest { Table = "t", Name = "v", Justification = "Needed for the study." }] },
                new DatasetRequest { DatasetId = "dpp", Variables = [new VariableRequest { Table = "activity", Name = "heart_rate", Justification = "Needed for the study." }] },
            ],
        };

        var response = await CreateAndSubmitAsync(client, content);

        var errors = await response.ReadErrorsAsync();
        Assert.Contains(("datasets[0].datasetId", "unknown-dataset"), errors);
        Assert.Contains(("datasets[1].variables[0].name", "unknown-variable"), errors);
    }

    [Theory]
    [InlineData("protocol.pdf", "application/pdf", "not a pdf at all", "file-type")]
    [InlineData("protocol.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "%PDF-1.4", "file-type")]
    [InlineData("protocol.pdf", "application/pdf", null, "file-size")]
    public async Task Bad_uploads_are_refused_and_nothing_is_attached(string fileName, string contentType, string? text, string rule)
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var draft = await (await client.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "Upload test" })).ReadApplicationAsync();
        var bytes = text is null ? [.. SampleContent.Pdf(), .. new byte[5000]] : System.Text.Encoding.ASCII.GetBytes(text);

        var response = await UploadAsync(client, draft.Id, draft.ConcurrencyStamp, bytes, fileName, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(("file", rule), await response.ReadErrorsAsync());
        var current = await (await client.GetAsync($"/api/v1/applications/{draft.Id}")).ReadApplicationAsync();
        Assert.Empty(current.Attachments);
        Assert.Equal(draft.ConcurrencyStamp, current.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_revision_is_a_new_version_that_supersedes_the_old_one_when_submitted()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var v1 = await SubmittedAsync(client);

        var revised = await client.PostAsync($"/api/v1/applications/{v1.Id}/revisions", null);
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        var v2 = await revised.ReadApplicationAsync();
        Assert.Equal((v1.Reference, v1.LineageId, 2, v1.Id), (v2.Reference, v2.LineageId, v2.Version, v2.PreviousVersionId!.Value));

        var second = await client.PostAsync($"/api/v1/applications/{v1.Id}/revisions", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var saved = await (await client.PutJsonAsync($"/api/v1/applications/{v2.Id}", new SaveDraftRequest(v2.Content with { Title = "Revised title" }, v2.ConcurrencyStamp))).ReadApplicationAsync();
        var submitted = await client.PostJsonAsync($"/api/v1/applications/{v2.Id}/submit", new TransitionRequest(saved.ConcurrencyStamp, null));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var versions = await client.GetFromJsonAsync<List<ApplicationSummary>>($"/api/v1/applications/{v2.Id}/versions", ApiJson.Options);
        Assert.Equal([(1, ApplicationStatus.Superseded), (2, ApplicationStatus.Submitted)], versions!.Select(v => (v.Version, v.Status)));
    }

    [Fact]
    public async Task Withdrawing_a_submitted_application_needs_a_reason()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var app = await SubmittedAsync(client);

        var noReason = await client.PostJsonAsync($"/api/v1/applications/{app.Id}/withdraw", new TransitionRequest(app.ConcurrencyStamp, " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(("reason", "required"), await noReason.ReadErrorsAsync());

        var withdrawn = await client.PostJsonAsync($"/api/v1/applications/{app.Id}/withdraw", new TransitionRequest(app.ConcurrencyStamp, "Funding ended"));
        var result = await withdrawn.ReadApplicationAsync();
        Assert.Equal(ApplicationStatus.Withdrawn, result.Status);
        Assert.Equal("Funding ended", result.History[^1].Reason);
    }

    private static async Task<ApplicationDto> SubmittedAsync(HttpClient client)
    {
        var response = await CreateAndSubmitAsync(client, SampleContent.Complete(Today));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadApplicationAsync();
    }

    private static async Task<HttpResponseMessage> CreateAndSubmitAsync(HttpClient client, ApplicationContent content)
    {
        var draft = await (await client.PostJsonAsync("/api/v1/applications", content)).ReadApplicationAsync();
        return await client.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new TransitionRequest(draft.ConcurrencyStamp, null));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, Guid stamp, byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(stamp.ToString()), "concurrencyStamp" },
            { new StringContent("protocol"), "kind" },
        };
        return client.PostAsync($"/api/v1/applications/{id}/attachments", form);
    }
}
