using System.Security.Cryptography;
using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>
/// Protocol uploads: only real PDFs within the size limit are kept, stored once by their SHA-256 in
/// the data folder (outside the web root); a refused upload leaves no file and no record behind.
/// </summary>
public abstract class AttachmentSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private string AttachmentsFolder => Path.Combine(Store.DataFolder, "attachments");

    private long MaxBytes => Store.Get<IOptions<AttachmentOptions>>().Value.MaxBytes;

    [Fact]
    public void The_configured_upload_limit_is_in_force()
    {
        Assert.Equal(StoreFixture.MaxAttachmentBytes, MaxBytes);
    }

    [Fact]
    public async Task A_PDF_is_stored_under_its_SHA256_in_the_data_folder_and_recorded_on_the_draft()
    {
        var draft = await DraftAsync();
        var bytes = SampleContent.Pdf("Protocol accepted");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var updated = AssertSucceeded(await UploadAsync(draft, bytes));

        var attachment = Assert.Single(updated.Attachments);
        Assert.Equal((ApplicationRules.ProtocolAttachmentKind, "protocol.pdf", "application/pdf", (long)bytes.Length, sha, "researcher-sato"),
            (attachment.Kind, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Sha256, attachment.UploadedBy));
        var file = Path.Combine(AttachmentsFolder, sha[..2], sha);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        Assert.StartsWith(Store.DataFolder, Path.GetFullPath(file), StringComparison.Ordinal);
        Assert.Equal(sha, Assert.Single((await StoredAsync(draft.Id)).Attachments).Sha256);
        Assert.NotEqual(draft.ConcurrencyStamp, updated.ConcurrencyStamp);
    }

    [Fact]
    public async Task The_applicant_can_read_the_stored_PDF_back()
    {
        var draft = await DraftAsync();
        var bytes = SampleContent.Pdf("Read me back");
        var updated = AssertSucceeded(await UploadAsync(draft, bytes));

        var opened = await Service.OpenAttachmentAsync(TestActors.Sato, draft.Id, updated.Attachments[0].Id, None);

        Assert.NotNull(opened);
        await using var content = opened.Value.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_is_stored_once()
    {
        var bytes = SampleContent.Pdf("Shared protocol " + Guid.NewGuid());
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var first = await DraftAsync();
        var second = await DraftAsync();

        AssertSucceeded(await UploadAsync(first, bytes));
        AssertSucceeded(await UploadAsync(second, bytes, "same-protocol.pdf"));

        Assert.Single(BlobFiles(), f => Path.GetFileName(f) == sha);
        Assert.Equal(sha, (await StoredAsync(first.Id)).Attachments.Single().Sha256);
        Assert.Equal(sha, (await StoredAsync(second.Id)).Attachments.Single().Sha256);
    }

    [Theory]
    [InlineData("PK\u0003\u0004 a zip archive renamed to .pdf")]
    [InlineData("<html><body>not a pdf</body></html>")]
    [InlineData("%PD")]
    [InlineData("")]
    public async Task Content_that_is_not_a_PDF_is_refused_even_when_named_pdf_and_nothing_is_stored(string content)
    {
        var draft = await DraftAsync();
        var before = BlobFiles();

        var result = await UploadAsync(draft, System.Text.Encoding.UTF8.GetBytes(content));

        AssertRefused(result, "file-type");
        await AssertNothingStoredAsync(draft, before);
    }

    [Theory]
    [InlineData("protocol.pdf", "application/octet-stream")]
    [InlineData("protocol.pdf", "text/plain")]
    [InlineData("protocol.docx", "application/pdf")]
    [InlineData("protocol", "application/pdf")]
    [InlineData("protocol.pdf.exe", "application/pdf")]
    public async Task A_wrong_file_type_or_name_is_refused_and_nothing_is_stored(string fileName, string contentType)
    {
        var draft = await DraftAsync();
        var before = BlobFiles();

        var result = await UploadAsync(draft, SampleContent.Pdf("wrong type " + Guid.NewGuid()), fileName, contentType);

        AssertRefused(result, "file-type");
        await AssertNothingStoredAsync(draft, before);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_is_stored()
    {
        var draft = await DraftAsync();
        var before = BlobFiles();
        var oversize = new byte[MaxBytes + 1];
        "%PDF-1.4\n"u8.CopyTo(oversize);

        var result = await UploadAsync(draft, oversize);

        AssertRefused(result, "file-size");
        Assert.Equal(MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Errors[0].Args["max"]);
        await AssertNothingStoredAsync(draft, before);
        Assert.Empty(System.IO.Directory.Exists(AttachmentsFolder) ? System.IO.Directory.GetFiles(AttachmentsFolder, ".upload-*") : []);
    }

    [Fact]
    public async Task A_file_of_exactly_the_size_limit_is_accepted()
    {
        var draft = await DraftAsync();
        var atLimit = new byte[MaxBytes];
        "%PDF-1.4\n"u8.CopyTo(atLimit);
        atLimit[^1] = 0x0A;
        RandomNumberGenerator.Fill(atLimit.AsSpan(16, 32));

        var updated = AssertSucceeded(await UploadAsync(draft, atLimit));

        Assert.Equal(MaxBytes, Assert.Single(updated.Attachments).SizeBytes);
    }

    [Fact]
    public async Task Directory_parts_of_the_file_name_are_dropped()
    {
        var draft = await DraftAsync();

        var updated = AssertSucceeded(await UploadAsync(draft, SampleContent.Pdf("traversal"), "../../etc/研究計画書.pdf"));

        Assert.Equal("研究計画書.pdf", Assert.Single(updated.Attachments).FileName);
    }

    [Fact]
    public async Task An_unknown_attachment_kind_is_refused()
    {
        var draft = await DraftAsync();

        var result = await Service.AddAttachmentAsync(TestActors.Sato, draft.Id, "photo", "protocol.pdf", "application/pdf",
            new MemoryStream(SampleContent.Pdf()), draft.ConcurrencyStamp, None);

        AssertRefused(result, "unknown-kind");
        Assert.Empty((await StoredAsync(draft.Id)).Attachments);
    }

    [Fact]
    public async Task An_upload_to_a_submitted_application_is_refused()
    {
        var app = await SubmittedAsync();

        AssertRefused(await UploadAsync(app, SampleContent.Pdf("too late")), "immutable");

        Assert.Empty((await StoredAsync(app.Id)).Attachments);
    }

    [Fact]
    public async Task An_upload_refused_because_the_application_is_not_visible_to_the_caller_stores_no_file()
    {
        var draft = await DraftAsync();
        var before = BlobFiles();

        var result = await Service.AddAttachmentAsync(TestActors.Tanaka, draft.Id, "protocol", "protocol.pdf", "application/pdf",
            new MemoryStream(SampleContent.Pdf("uploaded by someone else " + Guid.NewGuid())), draft.ConcurrencyStamp, None);

        AssertRefused(result, "not-found");
        await AssertNothingStoredAsync(draft, before);
    }

    [Fact]
    public async Task Removing_the_protocol_from_a_draft_removes_its_record()
    {
        var draft = AssertSucceeded(await UploadAsync(await DraftAsync(), SampleContent.Pdf("to be removed")));

        AssertSucceeded(await Service.RemoveAttachmentAsync(TestActors.Sato, draft.Id, draft.Attachments[0].Id, draft.ConcurrencyStamp, None));

        Assert.Empty((await StoredAsync(draft.Id)).Attachments);
    }

    private async Task<Domain.Common.DomainResult<SecondaryUseApplication>> UploadAsync(
        SecondaryUseApplication app, byte[] bytes, string fileName = "protocol.pdf", string contentType = "application/pdf")
    {
        await using var content = new MemoryStream(bytes);
        return await Service.AddAttachmentAsync(TestActors.Sato, app.Id, ApplicationRules.ProtocolAttachmentKind, fileName, contentType, content, app.ConcurrencyStamp, None);
    }

    private HashSet<string> BlobFiles() =>
        System.IO.Directory.Exists(AttachmentsFolder) ? [.. System.IO.Directory.GetFiles(AttachmentsFolder, "*", SearchOption.AllDirectories)] : [];

    private async Task AssertNothingStoredAsync(SecondaryUseApplication app, HashSet<string> filesBefore)
    {
        Assert.Equal(filesBefore.Order(), BlobFiles().Order());
        var stored = await StoredAsync(app.Id);
        Assert.Empty(stored.Attachments);
        Assert.Equal(app.ConcurrencyStamp, stored.ConcurrencyStamp);
    }
}
