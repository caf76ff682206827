using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>The purpose is one of the policy's permitted categories, and some categories need a study protocol.</summary>
public sealed class PurposeRuleTests
{
    public static TheoryData<string> PurposesNeedingAProtocol() =>
        new(World.Policy.Purposes.Where(p => p.ProtocolRequired).Select(p => p.Code));

    public static TheoryData<string> PurposesWithoutAProtocol() =>
        new(World.Policy.Purposes.Where(p => !p.ProtocolRequired).Select(p => p.Code));

    [Theory]
    [InlineData("marketing")]
    [InlineData("Public-Interest")]
    [InlineData("public interest")]
    public void A_purpose_category_that_the_policy_does_not_permit_is_refused(string code)
    {
        var error = ExpectErrors.Has(Drafts.CheckSubmission(Drafts.Complete() with { PurposeCategory = code }), "purposeCategory", "unknown-purpose");

        Assert.Equal(code, error.Args["value"]);
    }

    [Fact]
    public void The_shipped_policy_has_purposes_with_and_without_a_protocol_requirement()
    {
        Assert.NotEmpty(PurposesNeedingAProtocol());
        Assert.NotEmpty(PurposesWithoutAProtocol());
    }

    [Theory]
    [MemberData(nameof(PurposesNeedingAProtocol))]
    public void A_purpose_that_needs_a_protocol_is_refused_without_one(string code)
    {
        var error = ExpectErrors.Has(Drafts.CheckSubmission(Drafts.Complete() with { PurposeCategory = code }), "attachments", "protocol-required");

        Assert.Equal(code, error.Args["purpose"]);
    }

    [Theory]
    [MemberData(nameof(PurposesNeedingAProtocol))]
    public void A_purpose_that_needs_a_protocol_is_accepted_with_one(string code)
    {
        var draft = Drafts.Start(Drafts.Complete() with { PurposeCategory = code });

        ExpectErrors.None(Drafts.CheckSubmission(draft.Content, World.Hospital, Drafts.Protocol(draft)));
    }

    [Theory]
    [MemberData(nameof(PurposesWithoutAProtocol))]
    public void A_purpose_that_needs_no_protocol_is_accepted_without_one(string code)
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete() with { PurposeCategory = code }));
    }

    [Fact]
    public void An_attachment_of_another_kind_does_not_count_as_a_protocol()
    {
        var draft = Drafts.Start(Drafts.Complete() with { PurposeCategory = "scientific-research" });
        var other = Drafts.Protocol(draft);
        other = new Domain.Applications.ApplicationAttachment
        {
            ApplicationId = other.ApplicationId, Kind = "ethics-approval", FileName = other.FileName, ContentType = other.ContentType,
            SizeBytes = other.SizeBytes, Sha256 = other.Sha256, UploadedAt = other.UploadedAt, UploadedBy = other.UploadedBy,
        };

        ExpectErrors.Has(Drafts.CheckSubmission(draft.Content, World.Hospital, other), "attachments", "protocol-required");
    }
}
