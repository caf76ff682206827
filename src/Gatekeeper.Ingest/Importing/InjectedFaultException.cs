namespace Gatekeeper.Ingest.Importing;

/// <summary>Raised by the test hooks of <see cref="IngestOptions"/> to simulate a crash part-way through an import.</summary>
internal sealed class InjectedFaultException(long rows) : IOException($"Injected fault after {rows} rows.");
