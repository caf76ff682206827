namespace Gatekeeper.Audit.Tests;

public sealed class AuditRecordRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_pipeline_records_are_well_formed()
    {
        var actor = new AuditActor("u-1", "researcher", "org-1", "10.0.0.1");
        AuditRecord[] records =
        [
            AuditRecords.ReviewDecision(At, actor, "rev-1", "app-v2", "GK-2026-0001", ReviewDecisionCodes.Approved),
            AuditRecords.PermitIssued(At, actor, "P-1", "app-v2", "GK-2026-0001"),
            AuditRecords.PermitRevoked(At, actor, "P-1", "GK-2026-0001", "breach-of-conditions"),
            AuditRecords.RunRequested(At, actor, "R-1", "P-1", new string('a', 64)),
            AuditRecords.RunRefused(At, actor, "R-2", "P-1", "budget-exhausted"),
            AuditRecords.RunCompleted(At, AuditActor.System, "R-1", "P-1"),
            AuditRecords.CheckResult(At, AuditActor.System, "O-1", "R-1", "P-1", passed: false, "min-count,dominance", new string('b', 64)),
            AuditRecords.OutputDecision(At, actor, "O-1", "R-1", "P-1", OutputDecisions.Block, "residual disclosure risk"),
            AuditRecords.ReleaseCreated(At, actor, "REL-1", ["O-1", "O-2"], "P-1"),
            AuditRecords.ReleaseDownloaded(At, actor, "REL-1", "P-1", files: 2, bytes: 123_456),
            AuditRecords.BudgetSpent(At, AuditActor.System, "P-1", "R-1", 0.5, 1e-6),
        ];

        Assert.All(records, r => Assert.Null(AuditRecordRules.Check(r)));
        Assert.Equal(["REL-1", "O-1", "O-2", "P-1"], records[8].SubjectIds);
        Assert.Equal("0.5", records[10].Detail(AuditDetailKeys.Epsilon));
        Assert.Equal(AuditOutcome.Refused, records[6].Outcome);
    }

    [Theory]
    [InlineData("queryHash", "HbA1c 6.99 for participant 12")]
    [InlineData("result", "count=37\nmean=6.43")]
    [InlineData("Bad Key", "x")]
    [InlineData("note", "")]
    public void Details_that_are_prose_or_data_are_refused(string key, string value)
    {
        var record = new AuditRecord { At = At, ActorId = "u", Action = "run.requested", Details = new Dictionary<string, string> { [key] = value } };
        Assert.NotNull(AuditRecordRules.Check(record));
    }

    [Theory]
    [InlineData("Run requested")]
    [InlineData("run")]
    [InlineData("run.")]
    public void Actions_must_be_dotted_codes(string action) =>
        Assert.Contains("dotted", AuditRecordRules.Check(new AuditRecord { At = At, ActorId = "u", Action = action }), StringComparison.Ordinal);

    [Fact]
    public void Oversized_fields_are_refused()
    {
        Assert.NotNull(AuditRecordRules.Check(new AuditRecord { At = At, ActorId = new string('u', 65), Action = "a.b" }));
        Assert.NotNull(AuditRecordRules.Check(new AuditRecord { At = At, ActorId = "u", Action = "a.b", Reason = new string('r', 2001) }));
        Assert.NotNull(AuditRecordRules.Check(new AuditRecord { At = At, ActorId = "u", Action = "a.b", SubjectIds = [new string('s', 65)] }));
    }
}
