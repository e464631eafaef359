using System.Diagnostics;
using System.Globalization;
using System.Text;
using ImapClient.TestServer;

namespace ImapClient.Benchmarks.Memory;

/// <summary>
/// Starts a private Dovecot, writes a large message to a file, and runs each scenario (upload and download, ours and
/// MailKit's) in its own process, collecting peak managed heap growth and peak working set growth.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = args is ["--size-mb", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 200;
        await using var server = await DovecotServer.StartAsync(new DovecotServerOptions());
        const string User = "testuser";
        server.SeedMessages(User, "Big", [new SeedMessage("Subject: seed\r\n\r\nseed\r\n"u8.ToArray(), DateTimeOffset.UtcNow)]);
        var file = Path.Combine(Path.GetTempPath(), $"imapclient-bench-{Guid.NewGuid():N}.eml");
        try
        {
            await LargeMessage.WriteAsync(file, sizeMb * 1024L * 1024);
            var size = new FileInfo(file).Length;
            string Common() => $"{server.Host} {server.Port} {User} {server.Users[User]} {file}";

            var results = new List<ScenarioResult>();
            var ours = await RunScenarioAsync($"ours-upload {Common()} 0");
            results.Add(ours);
            results.Add(await RunScenarioAsync($"ours-download {Common()} {ours.Uid}"));
            results.Add(await RunScenarioAsync($"mailkit-upload {Common()} 0"));
            results.Add(await RunScenarioAsync($"mailkit-download {Common()} {ours.Uid}"));

            Console.WriteLine();
            Console.WriteLine($"Message size: {size / 1048576.0:F1} MiB ({size} bytes); {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine("| scenario | peak managed heap growth | peak working set growth | time |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var r in results)
            {
                Console.WriteLine($"| {r.Name} | {Mb(r.HeapGrowth)} | {Mb(r.WorkingSetGrowth)} | {r.Seconds:F1} s |");
            }

            return results.All(r => r.Ok) ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F1} MiB";

    private static async Task<ScenarioResult> RunScenarioAsync(string arguments)
    {
        var self = typeof(MemoryBenchmark).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{self}\" memory-scenario {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.Write(error);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("result ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"scenario '{arguments}' printed no result (exit {process.ExitCode}):\n{output}\n{error}");
        return ScenarioResult.Parse(line);
    }
}

/// <summary>What one scenario process reports on its last line.</summary>
internal sealed record ScenarioResult(string Name, long HeapGrowth, long WorkingSetGrowth, double Seconds, uint Uid, bool Ok)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"result {Name} {HeapGrowth} {WorkingSetGrowth} {Seconds:F3} {Uid} {(Ok ? "ok" : "failed")}");

    public static ScenarioResult Parse(string line)
    {
        var p = line.Trim().Split(' ');
        return new ScenarioResult(p[1], long.Parse(p[2], CultureInfo.InvariantCulture), long.Parse(p[3], CultureInfo.InvariantCulture),
            double.Parse(p[4], CultureInfo.InvariantCulture), uint.Parse(p[5], CultureInfo.InvariantCulture), p[6] == "ok");
    }
}

/// <summary>A large, valid message of base64 lines.</summary>
internal static class LargeMessage
{
    public static async Task WriteAsync(string path, long approximateSize)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        await file.WriteAsync(Encoding.ASCII.GetBytes(
            "From: big@example.org\r\nTo: testuser@example.org\r\nSubject: large\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        var random = new Random(11);
        var chunk = new byte[57 * 1024];
        var text = new StringBuilder();
        long written = 0;
        while (written < approximateSize)
        {
            random.NextBytes(chunk);
            text.Clear();
            for (var i = 0; i < chunk.Length; i += 57)
            {
                text.Append(Convert.ToBase64String(chunk, i, 57)).Append("\r\n");
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            await file.WriteAsync(bytes);
            written += bytes.Length;
        }
    }
}
