namespace Gatekeeper.Hosting;

/// <summary>Configuration section <c>Gatekeeper:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Gatekeeper:Telemetry";

    /// <summary>OTLP endpoint for traces and metrics (e.g. http://127.0.0.1:4317); none exports nothing.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
