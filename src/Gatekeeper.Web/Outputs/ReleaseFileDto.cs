namespace Gatekeeper.Web.Outputs;

/// <summary>One file of a <see cref="ReleaseDto"/>.</summary>
internal sealed record ReleaseFileDto(
    Guid Id, string Name, bool Included, string? Description, string? ExceptionJustification, string CheckStatus, IReadOnlyList<string> Rules,
    int FailedCells, int ReviewCells, int Cells, string? PolicyId, string? PolicySha256, bool Released);
