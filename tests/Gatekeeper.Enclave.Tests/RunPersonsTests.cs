using Gatekeeper.Ingest.Consent;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The run's persons file: asked afresh from the consent registry for every run, filtered once per consent state and
/// reused while the state holds; a new decision gives a new file; old states do not pile up.
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed class RunPersonsTests(DemoDataFixture data) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gk-run-persons-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_filtered_persons_follow_every_consent_change_and_only_the_newest_states_are_kept()
    {
        var consent = new InMemoryConsentRegistry();
        var persons = new RunPersons(Path.Combine(_folder, "cache"), data.Layout, consent, data.Keys);
        var tables = new[] { "participants", "activity" }
            .Select(t => (t, Path.GetFileName(data.Store.CurrentVersionFolder(DemoDataFixture.Dataset, t)!), data.Store.CurrentParts(DemoDataFixture.Dataset, t)))
            .ToList();
        var pseudonymiser = await data.PseudonymiserAsync();
        var now = DateTimeOffset.UtcNow;
        async Task<(PersonsFile File, byte[] Bytes)> WriteAsync(string name)
        {
            var file = await persons.WriteAsync(DemoDataFixture.Dataset, "P-1", "education", now, tables, "participant_id", Path.Combine(_folder, name), CancellationToken.None);
            return (file, await File.ReadAllBytesAsync(file.Path));
        }

        var first = await WriteAsync("run-1.parquet");
        var again = await WriteAsync("run-2.parquet");
        Assert.Equal((DemoDataFixture.Participants, 0), (first.File.Included, first.File.Excluded));
        Assert.Equal(first.Bytes, again.Bytes);
        Assert.Equal(Path.Combine(_folder, "run-2.parquet"), again.File.Path);

        var today = JapanTime.ToLocal(now).Date;
        for (var refused = 1; refused <= 4; refused++)
        {
            await consent.AddAsync(DemoDataFixture.Dataset,
                [new ConsentEvent { Pseudonym = pseudonymiser.Person($"DPP{refused:D7}"), Action = ConsentAction.Refusal, PurposeCode = "education", EffectiveFrom = today, UpdateTime = today, Source = "test" }]);
            var after = await WriteAsync($"after-{refused}.parquet");
            Assert.Equal((DemoDataFixture.Participants - refused, refused), (after.File.Included, after.File.Excluded));
            Assert.NotEqual(first.Bytes, after.Bytes);
        }

        var cached = Directory.GetFiles(Path.Combine(_folder, "cache"), "*.consent-*.parquet", SearchOption.AllDirectories);
        Assert.Equal(3, cached.Length);
        Assert.All(cached, f => Assert.True(File.Exists(Path.ChangeExtension(f, ".counts"))));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
