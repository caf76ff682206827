using System.Text;
using System.Text.Unicode;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>Detects and names the encodings Japanese holders send (UTF-8 with or without BOM, Shift_JIS).</summary>
public static class TextEncodings
{
    private const int SampleBytes = 4 << 20;

    /// <summary>Shift_JIS as Windows writes it (code page 932), the superset holders' tools produce.</summary>
    public static Encoding ShiftJis { get; } = CreateShiftJis();

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Parses the CLI/API spelling: utf-8, shift_jis (also sjis, cp932), auto.</summary>
    public static bool TryParse(string? text, out InputEncoding encoding)
    {
        encoding = (text ?? "auto").Trim().ToLowerInvariant() switch
        {
            "auto" => InputEncoding.Auto,
            "utf-8" or "utf8" => InputEncoding.Utf8,
            "shift_jis" or "shift-jis" or "sjis" or "cp932" => InputEncoding.ShiftJis,
            _ => (InputEncoding)(-1),
        };
        return Enum.IsDefined(encoding);
    }

    public static string Name(InputEncoding encoding) => encoding switch
    {
        InputEncoding.Utf8 => "utf-8",
        InputEncoding.ShiftJis => "shift_jis",
        _ => "auto",
    };

    /// <summary>A BOM or valid UTF-8 in the first megabytes means UTF-8 (pure ASCII is both); anything else is taken as Shift_JIS.</summary>
    public static async Task<InputEncoding> DetectAsync(string path, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path);
        var length = (int)Math.Min(RandomAccess.GetLength(handle), SampleBytes);
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), read, cancellationToken);
            if (n == 0) break;
            read += n;
        }

        return Detect(buffer.AsSpan(0, read), complete: read == RandomAccess.GetLength(handle));
    }

    private static Encoding CreateShiftJis()
    {
        // Code pages beyond Unicode ones come from this provider of the shared framework.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
    }

    internal static InputEncoding Detect(ReadOnlySpan<byte> sample, bool complete)
    {
        if (sample.StartsWith(Utf8Bom)) return InputEncoding.Utf8;
        if (!complete)
        {
            // The sample may end inside a multi-byte character: judge only up to its last line break.
            var lastNewline = sample.LastIndexOf((byte)'\n');
            if (lastNewline >= 0) sample = sample[..(lastNewline + 1)];
        }

        return Utf8.IsValid(sample) ? InputEncoding.Utf8 : InputEncoding.ShiftJis;
    }
}
