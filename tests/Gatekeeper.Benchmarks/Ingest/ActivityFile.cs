using System.Text;
using Gatekeeper.Ingest.Synthetic;

namespace Gatekeeper.Benchmarks.Ingest;

/// <summary>One activity CSV of the synthetic programme (all consortia's files joined, UTF-8, LF), made once and reused.</summary>
public static class ActivityFile
{
    public static string Create(string folder, int participants, ulong seed)
    {
        var path = Path.Combine(folder, $"activity-{participants}-{seed}.csv");
        if (File.Exists(path)) return path;
        var demo = Path.Combine(folder, $"demo-{participants}-{seed}");
        new DemoDataGenerator().GenerateAsync(new DemoDataOptions { OutputFolder = demo, Participants = participants, Seed = seed }).GetAwaiter().GetResult();
        var temp = path + ".tmp";
        using (var output = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            var first = true;
            foreach (var file in Directory.GetFiles(demo, "activity.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                // Activity rows are ASCII, identical in the Shift_JIS holders' files.
                using var input = new StreamReader(file, Encoding.Latin1);
                var header = input.ReadLine();
                if (first) output.Write(header + "\n");
                first = false;
                while (input.ReadLine() is { } line) output.Write(line + "\n");
            }
        }

        File.Move(temp, path, overwrite: true);
        Directory.Delete(demo, recursive: true);
        return path;
    }
}
