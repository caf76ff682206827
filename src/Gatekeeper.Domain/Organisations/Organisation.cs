namespace Gatekeeper.Domain.Organisations;

/// <summary>
/// A research organisation, company or public body. Certified operator organisations
/// (仮名加工医療利用事業者 under the Next-Generation Medical Infrastructure Act) may request pseudonymised microdata.
/// </summary>
public sealed class Organisation
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? NameJa { get; set; }

    public bool IsCertifiedOperator { get; set; }
}
