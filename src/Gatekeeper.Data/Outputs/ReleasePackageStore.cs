using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// Writes and reads release packages, <c>&lt;data&gt;/releases/&lt;request id&gt;/&lt;number&gt;.zip</c>: the approved files
/// (<c>outputs/&lt;table&gt;.csv</c> — the policy's protected version unless an exception was approved — and the
/// Parquet of outputs released as run when the policy's formats allow it), a
/// <c>manifest.json</c> (per output its status, automated checks, votes and comments, policy hash and the SHA-256 of
/// each file) and a bilingual <c>SUMMARY.txt</c>. Every source file is checked against the SHA-256 recorded when it
/// entered the airlock before it is copied, so a file changed in quarantine never leaves.
/// </summary>
public sealed class ReleasePackageStore(DataFolder dataFolder)
{
    public const string Folder = "releases";
    public const string ManifestName = "manifest.json";
    public const string SummaryName = "SUMMARY.txt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A released output: the file, what version of it, and the record behind it.</summary>
    public sealed record Entry(ReleaseFile File, RunOutput Output, IReadOnlyList<ReleaseVote> Votes, bool Released);

    public sealed record Written(string RelativePath, string Sha256, long Bytes);

    public async Task<Written> WriteAsync(ReleaseRequest request, QueryRun run, IReadOnlyList<Entry> entries, DateTimeOffset releasedAt, CancellationToken cancellationToken)
    {
        var relative = Path.Combine(Folder, request.Id.ToString("N"), request.Number + ".zip");
        var path = dataFolder.Combine(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var outputs = new List<object>();
        using (var buffer = new MemoryStream())
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in entries.OrderBy(e => e.File.Name, StringComparer.Ordinal))
                {
                    var (source, sha, version) = SourceOf(entry.File, entry.Output);
                    string? name = null;
                    string? fileSha = null;
                    long bytes = 0;
                    string? parquetName = null;
                    string? parquetSha = null;
                    if (entry.Released)
                    {
                        var content = await ReadVerifiedAsync(source, sha, cancellationToken);
                        name = $"outputs/{entry.File.Name}.csv";
                        await using (var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open())
                            await stream.WriteAsync(content, cancellationToken);
                        fileSha = FileHashes.Sha256(content);
                        bytes = content.Length;
                        if (version == "as-run" && entry.File.Formats.Split(',').Contains("parquet"))
                        {
                            var parquet = await ReadVerifiedAsync(entry.Output.ParquetFile, entry.Output.ParquetSha256, cancellationToken);
                            parquetName = $"outputs/{entry.File.Name}.parquet";
                            await using (var stream = zip.CreateEntry(parquetName, CompressionLevel.Optimal).Open())
                                await stream.WriteAsync(parquet, cancellationToken);
                            parquetSha = FileHashes.Sha256(parquet);
                        }
                    }

                    outputs.Add(new
                    {
                        name = entry.File.Name,
                        status = entry.Released ? "released" : "withheld",
                        file = name,
                        sha256 = fileSha,
                        bytes,
                        version = entry.Released ? version : null,
                        parquet = parquetName is null ? null : new { file = parquetName, sha256 = parquetSha },
                        limit = entry.File.LimitViolation,
                        rows = entry.Output.Rows,
                        sql = entry.Output.Sql,
                        automatedCheck = new
                        {
                            status = entry.File.CheckStatus,
                            policy = entry.File.PolicyId is null ? null : new { id = entry.File.PolicyId, sha256 = entry.File.PolicySha256 },
                            cells = entry.File.Cells,
                            failedCells = entry.File.FailedCells,
                            reviewCells = entry.File.ReviewCells,
                            rules = entry.File.Rules?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
                            verdictSha256 = entry.File.VerdictSha256,
                        },
                        researcher = new { description = entry.File.Description, exceptionRequest = entry.File.ExceptionJustification },
                        votes = entry.Votes.OrderBy(v => v.SubmittedAt).Select(v => new { checker = v.CheckerName, vote = v.Choice, comment = v.Comment, at = v.SubmittedAt }),
                    });
                }

                var manifest = new
                {
                    format = "gatekeeper-release/1",
                    release = new { request.Id, request.Number, round = request.Round, releasedAt, decidedBy = request.DecidedBy, decisionComment = request.DecisionComment },
                    run = new { run.Id, run.Number, queryHash = run.QueryHash, query = run.Query, finishedAt = run.FinishedAt, policyVersion = run.PolicyVersion },
                    permit = new { id = request.PermitId, number = request.PermitNumber, dataset = request.DatasetId },
                    researcher = new { id = request.RequesterId, name = request.RequesterName, description = request.Description },
                    outputs,
                };
                await using (var stream = zip.CreateEntry(ManifestName, CompressionLevel.Optimal).Open())
                    await JsonSerializer.SerializeAsync(stream, manifest, Json, cancellationToken);
                await using (var stream = zip.CreateEntry(SummaryName, CompressionLevel.Optimal).Open())
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(Summary(request, run, entries, releasedAt)), cancellationToken);
            }

            var bytesOut = buffer.ToArray();
            await File.WriteAllBytesAsync(path, bytesOut, cancellationToken);
            return new Written(relative, FileHashes.Sha256(bytesOut), bytesOut.Length);
        }
    }

    /// <summary>Removes a package whose release did not commit.</summary>
    public void Discard(string relative)
    {
        var path = dataFolder.Combine(relative);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Reads a file named relative to the data folder and checks it against its recorded SHA-256.</summary>
    public async Task<byte[]> ReadVerifiedAsync(string relative, string sha256, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dataFolder.Path) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(dataFolder.Path, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw new InvalidDataException($"'{relative}' is outside the data folder.");
        return await FileHashes.ReadVerifiedAsync(full, sha256, relative, cancellationToken);
    }

    /// <summary>
    /// The file that leaves for an output: the policy's protected version (suppressed or rounded cells) when there is one,
    /// unless the researcher asked for an exception that both checkers approved; else the table as the run produced it.
    /// </summary>
    public static (string Path, string Sha256, string Version) SourceOf(ReleaseFile file, RunOutput output) =>
        file.ProtectedFile is { } protectedFile && file.ProtectedSha256 is { } protectedSha && file.ExceptionJustification is null
            ? (protectedFile, protectedSha, "protected")
            : (output.CsvFile, output.CsvSha256, "as-run");

    private static string Summary(ReleaseRequest request, QueryRun run, IReadOnlyList<Entry> entries, DateTimeOffset releasedAt)
    {
        var s = new StringBuilder();
        s.AppendLine($"Gatekeeper release {request.Number} / 持ち出しパッケージ {request.Number}");
        s.AppendLine(new string('=', 60));
        s.AppendLine($"Permit / 許可: {request.PermitNumber}   Dataset / データセット: {request.DatasetId}");
        s.AppendLine($"Run / 実行: {run.Number}   Researcher / 研究者: {request.RequesterName}");
        s.AppendLine($"Released / 持ち出し日時: {releasedAt:yyyy-MM-dd HH:mm} UTC   Review round / 審査回: {request.Round}");
        s.AppendLine();
        s.AppendLine("Outputs / 成果物");
        foreach (var e in entries.OrderBy(e => e.File.Name, StringComparer.Ordinal))
        {
            var (_, _, version) = SourceOf(e.File, e.Output);
            s.AppendLine(e.Released
                ? $"  - {e.File.Name}.csv: released / 持ち出し可 ({version}; automated check / 自動チェック: {e.File.CheckStatus}{(e.File.Rules is null ? "" : $" [{e.File.Rules}]")})"
                : $"  - {e.File.Name}: withheld / 持ち出し不可 (not approved by both checkers / 2名の承認なし)");
            if (e.File.ExceptionJustification is not null) s.AppendLine($"      exception requested / 例外申請: {e.File.ExceptionJustification}");
            foreach (var v in e.Votes.Where(v => v.Comment is not null)) s.AppendLine($"      {v.CheckerName} ({v.Choice}): {v.Comment}");
        }

        s.AppendLine();
        s.AppendLine("Every file's SHA-256 is in manifest.json. / 各ファイルのSHA-256は manifest.json に記載されています。");
        s.AppendLine("Publish only these files; cite the release number. / 公表はこれらのファイルのみとし、持ち出し番号を記載してください。");
        return s.ToString();
    }
}
