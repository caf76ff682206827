namespace Gatekeeper.Ingest.Synthetic;

/// <summary>An activity meter of the synthetic data: its codes, mean step-count error and usual wearing position.</summary>
internal sealed record DeviceModel(string Manufacturer, string Model, double Bias, string Position);
