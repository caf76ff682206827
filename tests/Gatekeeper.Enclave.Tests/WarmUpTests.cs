namespace Gatekeeper.Enclave.Tests;

/// <summary>A warm worker's warm-up runs every plan it prepares for (one-pass and two-pass aggregates, DP) to success.</summary>
public sealed class WarmUpTests
{
    [Fact]
    public void Every_warm_up_run_succeeds() => Assert.Equal(3, WarmUp.Run());
}
