using System.Security.Cryptography;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Tests.Pseudonymisation;

public sealed class RawFileVaultTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    [InlineData((5 << 19) + 17)]
    public async Task Encrypted_files_decrypt_to_the_original(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        var source = Path.Combine(_harness.Root, "raw.bin");
        await File.WriteAllBytesAsync(source, data);
        var vault = new RawFileVault(_harness.Keys, _harness.Layout);

        var encrypted = await vault.EncryptAsync("dpp", source, "abc");
        var back = Path.Combine(_harness.Root, "back.bin");
        await vault.DecryptAsync("dpp", encrypted, back);

        Assert.Equal(data, await File.ReadAllBytesAsync(back));
        if (size > 100) Assert.Equal(-1, (await File.ReadAllBytesAsync(encrypted)).AsSpan().IndexOf(data.AsSpan(0, 64)));
    }

    [Fact]
    public async Task Tampering_and_truncation_are_detected()
    {
        var source = Path.Combine(_harness.Root, "raw.bin");
        await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(3 << 20));
        var vault = new RawFileVault(_harness.Keys, _harness.Layout);
        var encrypted = await vault.EncryptAsync("dpp", source, "abc");
        var bytes = await File.ReadAllBytesAsync(encrypted);

        var flipped = (byte[])bytes.Clone();
        flipped[100] ^= 1;
        await File.WriteAllBytesAsync(encrypted, flipped);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.DecryptAsync("dpp", encrypted, Path.Combine(_harness.Root, "x")));

        var lastChunk = (1 << 20) + 4 + 16;
        await File.WriteAllBytesAsync(encrypted, bytes.AsSpan(0, bytes.Length - lastChunk).ToArray());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.DecryptAsync("dpp", encrypted, Path.Combine(_harness.Root, "y")));
    }

    [Fact]
    public async Task The_encrypt_policy_removes_the_raw_file_after_import()
    {
        var csv = Rows.Csv(ExchangeFormat.HbA1c, Rows.HbA1c, Rows.With());
        var path = _harness.Write("hba1c.csv", csv);

        var result = await _harness.Importer.ImportAsync("dpp", path, new IngestOptions { RawFiles = RawFilePolicy.Encrypt });

        Assert.False(File.Exists(path));
        Assert.NotNull(result.RawVaultPath);
        var back = Path.Combine(_harness.Root, "back.csv");
        await new RawFileVault(_harness.Keys, _harness.Layout).DecryptAsync("dpp", result.RawVaultPath!, back);
        Assert.Equal(csv, await File.ReadAllTextAsync(back));

        var deleted = _harness.Write("weight.csv", Rows.Csv(ExchangeFormat.Weight, Rows.Weight, Rows.With()));
        await _harness.Importer.ImportAsync("dpp", deleted, new IngestOptions { RawFiles = RawFilePolicy.Delete });
        Assert.False(File.Exists(deleted));
    }

    public void Dispose() => _harness.Dispose();
}
