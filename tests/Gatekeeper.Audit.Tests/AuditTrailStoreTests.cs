using Gatekeeper.Audit.Chain;
using Gatekeeper.Data;
using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Archiving;
using Gatekeeper.Data.Audit.Chaining;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Audit.Tests;

/// <summary>The stored audit trail on a real store: transactional, fork-free under concurrency, tamper-evident.</summary>
public abstract class AuditTrailStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(provider, seed: true, new Dictionary<string, string?>
    {
        ["Gatekeeper:Audit:CheckpointEveryEntries"] = "5",
    });

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Application_actions_are_chained_and_the_chain_verifies()
    {
        var service = _store.Get<ApplicationService>();
        var today = DateOnly.FromDateTime(_store.Time.GetUtcNow().UtcDateTime);
        var draft = (await service.CreateDraftAsync(TestActors.Sato, SampleContent.Complete(today), default)).Value!;
        var submitted = await service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, default);
        var again = await service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, default);

        Assert.True(submitted.Succeeded);
        Assert.False(again.Succeeded);
        await using var db = await _store.DbAsync();
        var entries = await db.Set<AuditEntryRow>().Where(e => e.SubjectId == draft.Id.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [("application.created", AuditOutcome.Succeeded), ("application.submitted", AuditOutcome.Succeeded), ("application.submitted", AuditOutcome.Refused)],
            entries.Select(e => (e.Action, e.Outcome)));
        Assert.Contains("already-submitted", entries[^1].Reason, StringComparison.Ordinal);
        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.CheckpointsChecked >= 1);
        // Every subject id is indexed, so the reference finds the entries too.
        var byReference = await db.Set<AuditEntrySubjectRow>().Where(s => s.SubjectId == draft.Reference).Select(s => s.Sequence).ToListAsync();
        Assert.Equal(entries.Select(e => e.Sequence), byReference.Order());
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        var trail = _store.Get<AuditTrail>();
        var before = await CountAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
                await trail.RecordAsync(new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = $"writer-{writer}", Action = "test.append", SubjectIds = [$"{writer}-{i}"] }, default);
        })));

        await using var db = await _store.DbAsync();
        Assert.False(await db.Set<AuditEntryRow>().AnyAsync(e => e.Position == null));
        var positions = await db.Set<AuditEntryRow>().OrderBy(e => e.Position).Select(e => e.Position!.Value).ToListAsync();
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(i => (long)i), positions);
        Assert.Equal(before + 200, positions.Count);
        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
    }

    /// <summary>
    /// Several chainers at once, each as if in its own process (its own instance, so only the store's lock keeps them
    /// apart), racing writers that commit entries under them: every entry is linked exactly once, positions have no
    /// gaps or duplicates, and the chain verifies.
    /// </summary>
    [Fact]
    public async Task Concurrent_chainers_never_fork_the_chain()
    {
        var chainers = Enumerable.Range(0, 4).Select(_ => new AuditChainer(
            _store.Get<IOptions<AuditOptions>>(), _store.Get<CheckpointSigner>(), _store.Get<IDbContextFactory<GatekeeperDbContext>>(), _store.Time)).ToList();
        var trail = _store.Get<AuditTrail>();
        var writing = true;
        var linking = chainers.Select(chainer => Task.Run(async () =>
        {
            while (Volatile.Read(ref writing)) await chainer.LinkPendingAsync(default);
        })).ToList();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await using var db = await _store.DbAsync();
                await using var tx = await db.Database.BeginTransactionAsync();
                await trail.AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = $"writer-{writer}", Action = "test.parallel", SubjectIds = [$"{writer}-{i}"] }, default);
                await tx.CommitAsync();
            }
        })));
        Volatile.Write(ref writing, false);
        await Task.WhenAll(linking);
        await chainers[0].LinkPendingAsync(default);

        await using var check = await _store.DbAsync();
        var rows = await check.Set<AuditEntryRow>().AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.NotNull(r.Position));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Position!.Value).Order());
        Assert.Equal(180, rows.Count(r => r.Action == "test.parallel"));
        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.CheckpointsChecked >= rows.Count / 5);
    }

    /// <summary>
    /// Entry numbers are handed out when an action writes its entry, not when it commits: an action that wrote first and
    /// committed last is linked after the one that overtook it, and nothing waits for it meanwhile.
    /// </summary>
    [Fact]
    public async Task An_entry_committed_late_is_linked_after_those_that_overtook_it()
    {
        var trail = _store.Get<AuditTrail>();
        await trail.LinkPendingAsync(default);
        long slowNumber, fastNumber;
        await using (var slow = await _store.DbAsync())
        {
            // PostgreSQL: both transactions are open at once; SQLite has one writer at a time, so the slow one commits first there.
            await using var slowTx = await slow.Database.BeginTransactionAsync();
            slowNumber = await trail.AppendAsync(slow, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "slow", Action = "test.order" }, default);
            if (provider == DatabaseProvider.Sqlite) await slowTx.CommitAsync();
            await using (var fast = await _store.DbAsync())
            {
                await using var fastTx = await fast.Database.BeginTransactionAsync();
                fastNumber = await trail.AppendAsync(fast, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "fast", Action = "test.order" }, default);
                await fastTx.CommitAsync();
            }

            await trail.LinkPendingAsync(default);
            if (provider == DatabaseProvider.Postgres)
            {
                await using var look = await _store.DbAsync();
                Assert.Null(await look.Set<AuditEntryRow>().Where(e => e.ActorId == "slow").Select(e => e.Position).SingleOrDefaultAsync());
                await slowTx.CommitAsync();
            }
        }

        await trail.LinkPendingAsync(default);
        await using var db = await _store.DbAsync();
        var rows = await db.Set<AuditEntryRow>().Where(e => e.Action == "test.order").ToDictionaryAsync(e => e.ActorId);
        Assert.True(slowNumber < fastNumber);
        if (provider == DatabaseProvider.Postgres) Assert.True(rows["slow"].Position > rows["fast"].Position);
        else Assert.True(rows["slow"].Position < rows["fast"].Position);
        Assert.True((await trail.VerifyAsync(default)).IsValid);
    }

    /// <summary>Entries not yet linked are reported as pending (not tampering), and readers of the log see them.</summary>
    [Fact]
    public async Task Pending_entries_are_reported_as_pending_and_readers_see_them()
    {
        var trail = _store.Get<AuditTrail>();
        await trail.LinkPendingAsync(default);
        await using (var db = await _store.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await trail.AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "u-pending", Action = "test.pending", SubjectIds = ["P-pending"] }, default);
            await tx.CommitAsync();
        }

        var verification = await _store.Get<AuditStoreVerifier>().VerifyAsync(AuditVerificationScope.Everything, default);
        Assert.True(verification.Result.IsValid, verification.Result.Message);
        Assert.Equal(1, verification.PendingEntries);
        Assert.Contains("1 recorded entries are pending the chain", verification.Result.Message, StringComparison.Ordinal);
        var page = await _store.Get<Gatekeeper.Data.Audit.Search.AuditLogSearch>().SearchAsync(new Gatekeeper.Data.Audit.Search.AuditSearchQuery { SubjectId = "P-pending" }, default);
        var shown = Assert.Single(page.Items);
        Assert.True(shown.IsPending);
        Assert.Equal("", shown.Hash);
        Assert.Equal(1, (await _store.Get<AuditVerificationStatusReader>().GetAsync(default)).PendingEntries);

        Assert.Equal(1, await trail.LinkPendingAsync(default));
        var linked = await _store.Get<Gatekeeper.Data.Audit.Search.AuditLogSearch>().GetAsync(shown.Sequence, default);
        Assert.False(linked!.IsPending);
        Assert.Equal(64, linked.Hash.Length);
        Assert.Equal(0, (await _store.Get<AuditStoreVerifier>().VerifyAsync(AuditVerificationScope.Everything, default)).PendingEntries);
    }

    /// <summary>
    /// Parallel load with everything that touches the chain at once: 8 writers appending inside transactions with other
    /// work (some rolled back), checkpoints every 5 entries, an archiver removing old intervals, and verifiers reading.
    /// </summary>
    [Fact]
    public async Task Parallel_writers_archiving_and_verifying_never_fork_or_break_the_chain()
    {
        var trail = _store.Get<AuditTrail>();
        await StoreWriting.AppendManyAsync(_store, 60, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(40));
        var archiver = _store.Get<AuditArchiver>();
        var verifier = _store.Get<AuditStoreVerifier>();
        var rolledBack = 0;
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await using var db = await _store.DbAsync();
                await using var tx = await db.Database.BeginTransactionAsync();
                await trail.AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = $"writer-{writer}", Action = "test.parallel", SubjectIds = [$"{writer}-{i}"] }, default);
                if (i % 10 == 9)
                {
                    await tx.RollbackAsync();
                    Interlocked.Increment(ref rolledBack);
                }
                else
                {
                    await tx.CommitAsync();
                }
            }
        }));
        var archiving = Task.Run(async () =>
        {
            var run = await archiver.ArchiveBeforeAsync(_store.Time.GetUtcNow().AddDays(-30), AuditActor.System, default);
            Assert.True(run.Succeeded, string.Join("; ", run.Errors.Select(e => e.Message)));
        });
        var verifying = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                var v = await verifier.VerifyAsync(AuditVerificationScope.Everything, default);
                Assert.True(v.Result.IsValid, v.Result.Message);
            }
        });
        await Task.WhenAll([.. writers, archiving, verifying]);

        await trail.LinkPendingAsync(default);
        await using var check = await _store.DbAsync();
        var live = await check.Set<AuditEntryRow>().OrderBy(e => e.Position).Select(e => e.Position!.Value).ToListAsync();
        var archivedUpTo = await check.Set<AuditArchiveRow>().MaxAsync(a => (long?)a.LastSequence) ?? 0;
        Assert.True(archivedUpTo >= 55, $"archived up to #{archivedUpTo}");
        Assert.Equal(Enumerable.Range((int)archivedUpTo + 1, live.Count).Select(i => (long)i), live);
        Assert.Equal(8 * 30 - rolledBack, await check.Set<AuditEntryRow>().CountAsync(e => e.Action == "test.parallel"));
        var final = await verifier.VerifyAsync(AuditVerificationScope.Everything, default);
        Assert.True(final.Result.IsValid, final.Result.Message);
    }

    [Fact]
    public async Task Entries_stamped_by_a_clock_finer_than_the_store_still_verify()
    {
        var trail = _store.Get<AuditTrail>();
        // The real clock has 100 ns ticks and a local offset; neither survives the store's rounding unchanged.
        var at = new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        await trail.RecordAsync(new AuditRecord { At = at, ActorId = "clock-test", Action = "test.precision", SubjectIds = ["x"] }, default);
        await trail.RecordAsync(new AuditRecord { At = TimeProvider.System.GetUtcNow(), ActorId = "clock-test", Action = "test.precision", SubjectIds = ["y"] }, default);

        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task An_entry_of_a_rolled_back_action_is_not_kept()
    {
        var trail = _store.Get<AuditTrail>();
        await using (var db = await _store.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await trail.AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "system", Action = "test.rolled-back", SubjectIds = ["x"] }, default);
            await tx.RollbackAsync();
        }

        await using var check = await _store.DbAsync();
        Assert.False(await check.Set<AuditEntryRow>().AnyAsync(e => e.Action == "test.rolled-back"));
        Assert.False(await check.Set<AuditEntrySubjectRow>().AnyAsync(s => s.SubjectId == "x"));
        Assert.True((await trail.VerifyAsync(default)).IsValid);
    }

    [Fact]
    public async Task An_appended_entry_reads_back_as_written_with_each_subject_indexed_once()
    {
        var trail = _store.Get<AuditTrail>();
        var record = new AuditRecord
        {
            At = _store.Time.GetUtcNow(), ActorId = "u-1", ActorRole = "researcher", OrganisationId = "org-1", Action = "test.round-trip",
            SubjectType = "permit", SubjectIds = ["P-1", "", "R-1", "P-1", "R-2"], Outcome = AuditOutcome.Refused, Reason = "理由: 'quoted' \"text\"",
            ClientAddress = "127.0.0.1", Details = new Dictionary<string, string> { ["epsilon"] = "0.25", ["note"] = "a.b_c:d/e+f=g@h,i-j" },
        };
        long sequence;
        await using (var db = await _store.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            sequence = await trail.AppendAsync(db, record, default);
            await tx.CommitAsync();
        }

        await using var check = await _store.DbAsync();
        var row = await check.Set<AuditEntryRow>().AsNoTracking().SingleAsync(e => e.Sequence == sequence);
        Assert.True(row.IsPending);
        Assert.Equal(AuditTrail.Storable(record.At), row.At);
        Assert.Equal(
            (record.ActorId, record.ActorRole, record.OrganisationId, record.Action, record.SubjectType, record.Outcome, record.Reason, record.ClientAddress),
            (row.ActorId, row.ActorRole, row.OrganisationId, row.Action, row.SubjectType, row.Outcome, row.Reason, row.ClientAddress));
        Assert.Equal("P-1", row.SubjectId);
        Assert.Equal(record.SubjectIds, row.SubjectIds);
        Assert.Equal(record.Details, row.Details);
        var subjects = await check.Set<AuditEntrySubjectRow>().Where(s => s.Sequence == sequence).OrderBy(s => s.Position).Select(s => new { s.Position, s.SubjectId }).ToListAsync();
        Assert.Equal([(0, "P-1"), (2, "R-1"), (4, "R-2")], subjects.Select(s => (s.Position, s.SubjectId)));
        Assert.True((await trail.VerifyAsync(default)).IsValid);
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        await using var db = await _store.DbAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.Get<AuditTrail>().AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "system", Action = "test.loose" }, default));
    }

    [Fact]
    public async Task A_malformed_record_is_refused_and_nothing_is_written()
    {
        var before = await CountAsync();
        var record = new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "u", Action = "run.requested", Details = new Dictionary<string, string> { ["result"] = "mean HbA1c 6.43" } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.Get<AuditTrail>().RecordAsync(record, default));
        Assert.Contains("never prose or data values", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Details_are_stored_and_read_back_into_the_same_hash()
    {
        var entry = await _store.Get<AuditTrail>().RecordAsync(AuditRecords.RunRequested(_store.Time.GetUtcNow(), new AuditActor("u-1", "researcher"), "R-1", "P-1", new string('c', 64)), default);
        await using var db = await _store.DbAsync();
        var row = await db.Set<AuditEntryRow>().SingleAsync(e => e.Position == entry.Sequence);
        Assert.Equal(new string('c', 64), row.Details![AuditDetailKeys.QueryHash]);
        Assert.Equal(entry.Hash, EntryHasher.Hash(row.Position!.Value, row.ToRecord(), row.PreviousHash!));
    }

    [Fact]
    public async Task Times_from_a_real_clock_survive_the_store_and_the_chain_verifies()
    {
        var trail = _store.Get<AuditTrail>();
        var odd = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        var entry = await trail.RecordAsync(new AuditRecord { At = odd, ActorId = "u", Action = "test.clock" }, default);
        for (var i = 0; i < 6; i++)
            await trail.RecordAsync(new AuditRecord { At = DateTimeOffset.UtcNow, ActorId = "u", Action = "test.clock" }, default);

        Assert.Equal(odd.UtcTicks - 4_567, entry.Record.At.UtcTicks);
        Assert.Equal(TimeSpan.Zero, entry.Record.At.Offset);
        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.CheckpointsChecked >= 2);
    }

    [Fact]
    public async Task Times_are_the_actions_own_even_out_of_order_and_the_chain_verifies()
    {
        var trail = _store.Get<AuditTrail>();
        var now = _store.Time.GetUtcNow();
        var first = await trail.RecordAsync(new AuditRecord { At = now, ActorId = "u", Action = "test.clock" }, default);
        // An action timed before the previous entry was linked (it committed later) keeps its own time.
        var late = await trail.RecordAsync(new AuditRecord { At = now.AddMilliseconds(-40), ActorId = "u", Action = "test.clock" }, default);

        Assert.Equal(first.Sequence + 1, late.Sequence);
        Assert.Equal(AuditTrail.Storable(now.AddMilliseconds(-40)), late.Record.At);
        Assert.True((await trail.VerifyAsync(default)).IsValid);
    }

    [Fact]
    public async Task An_entry_edited_in_the_database_is_found_at_its_position()
    {
        await WriteTwelveAsync();
        await SqlAsync("UPDATE audit_entries SET \"Reason\" = 'covered up' WHERE \"Position\" = 7");

        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.False(result.IsValid);
        Assert.Equal(7, result.BrokenAt);
        Assert.Contains("edited", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_deleted_from_the_database_is_found_where_it_is_missing()
    {
        await WriteTwelveAsync();
        await SqlAsync("DELETE FROM audit_entries WHERE \"Position\" = 8");

        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.Equal(8, result.BrokenAt);
        Assert.Contains("deleted", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_entries_deleted_from_the_database_are_found()
    {
        await WriteTwelveAsync();
        await SqlAsync("DELETE FROM audit_entries WHERE \"Position\" <= 3");

        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.Equal(1, result.BrokenAt);
        Assert.Contains("deleted", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_reordered_in_the_database_are_found_at_the_first_moved_position()
    {
        await WriteTwelveAsync();
        await SqlAsync("UPDATE audit_entries SET \"Position\" = -1 WHERE \"Position\" = 9");
        await SqlAsync("UPDATE audit_entries SET \"Position\" = 9 WHERE \"Position\" = 10");
        await SqlAsync("UPDATE audit_entries SET \"Position\" = 10 WHERE \"Position\" = -1");

        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.Equal(9, result.BrokenAt);
    }

    [Fact]
    public async Task An_entry_inserted_into_the_database_with_a_valid_hash_is_found_at_the_entry_it_displaced()
    {
        await WriteTwelveAsync();
        var head = await HeadAsync();
        var at = head - 4;
        await SqlAsync($"UPDATE audit_entries SET \"Position\" = \"Position\" + 1000 WHERE \"Position\" >= {at}");
        await SqlAsync($"UPDATE audit_entries SET \"Position\" = \"Position\" - 999 WHERE \"Position\" >= {at + 1000}");
        await using (var db = await _store.DbAsync())
        {
            var previous = (await db.Set<AuditEntryRow>().Where(e => e.Position == at - 1).Select(e => e.Hash).SingleAsync())!;
            var forged = EntryHasher.Link(at, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "intruder", Action = "test.append" }, previous);
            db.Set<AuditEntryRow>().Add(AuditEntryRow.From(forged));
            await db.SaveChangesAsync();
        }

        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.False(result.IsValid);
        Assert.Equal(at + 1, result.BrokenAt);
    }

    [Fact]
    public async Task Entries_truncated_after_a_checkpoint_are_found()
    {
        await WriteTwelveAsync();
        var head = await HeadAsync();
        await using (var db = await _store.DbAsync())
        {
            var lastCheckpoint = await db.Set<AuditCheckpointRow>().MaxAsync(c => c.Sequence);
            Assert.True(lastCheckpoint > 3);
            await SqlAsync($"DELETE FROM audit_entries WHERE \"Position\" > {lastCheckpoint - 3}");
            var result = await _store.Get<AuditTrail>().VerifyAsync(default);
            Assert.False(result.IsValid);
            Assert.Equal(lastCheckpoint - 2, result.BrokenAt);
            Assert.Contains("truncated", result.Message, StringComparison.Ordinal);
            Assert.True(head >= lastCheckpoint);
        }
    }

    [Fact]
    public async Task A_forged_checkpoint_signature_is_found()
    {
        await WriteTwelveAsync();
        await using (var db = await _store.DbAsync())
        {
            var checkpoint = await db.Set<AuditCheckpointRow>().OrderByDescending(c => c.Sequence).FirstAsync();
            var signature = Convert.FromBase64String(checkpoint.Signature);
            signature[10] ^= 0xFF;
            await SqlAsync($"UPDATE audit_checkpoints SET \"Signature\" = '{Convert.ToBase64String(signature)}' WHERE \"Sequence\" = {checkpoint.Sequence}");
            var result = await _store.Get<AuditTrail>().VerifyAsync(default);
            Assert.Equal(checkpoint.Sequence, result.BrokenAt);
            Assert.Contains("invalid signature", result.Message, StringComparison.Ordinal);
        }
    }

    private async Task WriteTwelveAsync()
    {
        var trail = _store.Get<AuditTrail>();
        for (var i = 0; i < 12; i++)
            await trail.RecordAsync(new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "user", Action = "test.append" }, default);
    }

    private async Task<long> HeadAsync()
    {
        await using var db = await _store.DbAsync();
        return await db.Set<AuditEntryRow>().MaxAsync(e => e.Position) ?? 0;
    }

    private async Task<int> CountAsync()
    {
        await using var db = await _store.DbAsync();
        return await db.Set<AuditEntryRow>().CountAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = await _store.DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}

public sealed class SqliteAuditTrailStoreTests() : AuditTrailStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditTrailStoreTests() : AuditTrailStoreTests(DatabaseProvider.Postgres);
