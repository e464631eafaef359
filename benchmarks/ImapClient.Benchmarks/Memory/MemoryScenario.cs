using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MailKit;
using MimeKit;

namespace ImapClient.Benchmarks.Memory;

/// <summary>One scenario in its own process: connect and sign in first, then measure only the transfer.</summary>
internal static class MemoryScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (name, host, port, user, password, file, uid) =
            (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], args[5], uint.Parse(args[6], CultureInfo.InvariantCulture));
        var result = name switch
        {
            "ours-upload" or "ours-download" => await OursAsync(name, host, port, user, password, file, uid),
            _ => await MailKitAsync(name, host, port, user, password, file, uid),
        };
        Console.WriteLine(result.Format());
        return result.Ok ? 0 : 1;
    }

    private static async Task<ScenarioResult> OursAsync(string name, string host, int port, string user, string password, string file, uint uid)
    {
        await using var imap = await ImapConnection.ConnectAsync(host, port, ImapSecurity.None,
            new ImapConnectionOptions { AllowPlaintextAuthentication = true, CommandTimeout = TimeSpan.FromMinutes(10) });
        await imap.LoginAsync(user, password);
        if (name == "ours-upload")
        {
            await imap.SelectAsync("Big");
            uint newUid = 0;
            var measured = await MeasureAsync(name, async () =>
            {
                await using var source = File.OpenRead(file);
                newUid = (await imap.AppendAsync("Big", source)).Uid ?? 0;
            });
            return measured with { Uid = newUid, Ok = newUid != 0 };
        }

        await imap.ExamineAsync("Big");
        var target = file + ".ours";
        try
        {
            var measured = await MeasureAsync(name, async () =>
            {
                await using var destination = File.Create(target);
                await imap.DownloadAsync(uid, destination);
            });
            return measured with { Ok = await SameAsync(file, target) };
        }
        finally
        {
            File.Delete(target);
        }
    }

    private static async Task<ScenarioResult> MailKitAsync(string name, string host, int port, string user, string password, string file, uint uid)
    {
        using var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        var folder = await client.GetFolderAsync("Big");
        if (name == "mailkit-upload")
        {
            await folder.OpenAsync(FolderAccess.ReadWrite);
            UniqueId? appended = null;
            var measured = await MeasureAsync(name, async () =>
            {
                await using var source = File.OpenRead(file);
                var message = await MimeMessage.LoadAsync(source, persistent: true);
                appended = await folder.AppendAsync(message);
            });
            return measured with { Uid = appended?.Id ?? 0, Ok = appended is not null };
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var target = file + ".mailkit";
        try
        {
            var measured = await MeasureAsync(name, async () =>
            {
                await using var destination = File.Create(target);
                await using var stream = await folder.GetStreamAsync(new UniqueId(uid), string.Empty);
                await stream.CopyToAsync(destination);
            });
            return measured with { Ok = await SameAsync(file, target) };
        }
        finally
        {
            File.Delete(target);
        }
    }

    /// <summary>Samples the managed heap every millisecond or two while the work runs; the OS keeps the peak working set.</summary>
    private static async Task<ScenarioResult> MeasureAsync(string name, Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var peakHeap = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                await Task.Delay(1);
            }
        });
        var clock = Stopwatch.StartNew();
        await work();
        var seconds = clock.Elapsed.TotalSeconds;
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        await stop.CancelAsync();
        await sampler;
        process.Refresh();
        return new ScenarioResult(name, peakHeap - heapBefore, Math.Max(0, process.PeakWorkingSet64 - workingSetBefore), seconds, 0, true);
    }

    private static async Task<bool> SameAsync(string a, string b)
    {
        await using var fa = File.OpenRead(a);
        await using var fb = File.OpenRead(b);
        var ha = await SHA256.HashDataAsync(fa);
        var hb = await SHA256.HashDataAsync(fb);
        return ha.AsSpan().SequenceEqual(hb);
    }
}
