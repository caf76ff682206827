namespace Gatekeeper.Data.Outputs;

/// <summary>A release package handed to the researcher (already verified against its recorded SHA-256 and audited).</summary>
public sealed record ReleaseDownload(string FileName, byte[] Content);
