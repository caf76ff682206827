using Gatekeeper.Data.Audit.Export;

namespace Gatekeeper.Web.Audit;

/// <summary>A finished export: its file name, what it holds, and the file (deleted when the stream is closed).</summary>
public sealed record AuditConsoleExportFile(string FileName, AuditExportSummary Summary, Stream Content);
