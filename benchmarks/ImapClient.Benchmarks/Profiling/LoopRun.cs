using System.Diagnostics;
using System.Globalization;
using MimeKit;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Workloads;

namespace ImapClient.Benchmarks.Profiling;

/// <summary>
/// <c>-- loop &lt;workload&gt; [seconds]</c>: repeats one replay workload for a while, for a profiler to watch, e.g.
/// <c>dotnet-trace collect -- dotnet ImapClient.Benchmarks.dll loop parse-ours 20</c>.
/// Workloads: parse-ours, parse-mailkit (the 10,000-message summaries FETCH, one segment), readall-ours, readall-mailkit (the same, every envelope field and body part read), messagelist-ours, messagelist-mailkit (the same, every value a message list shows read: <see cref="MessageList"/>), messagelist-server-ours, messagelist-server-ours-lazy (without FetchRequest.ParseWhileReceiving), messagelist-server-mailkit (the message list from Dovecot, 10,000 messages), noop-ours (sequential
/// NOOPs against the replay), headers-ours, headers-mailkit (BODY.PEEK[HEADER] of 10,000 messages from Dovecot, every header's name and value read), flags-ours
/// (FETCH 1:100 (FLAGS) from Dovecot), noop-server (sequential NOOPs against Dovecot), store-server (sequential silent UID STOREs of a few UIDs against Dovecot), noop8-server (1,600 NOOPs from 8 tasks), noop8-raw (the same through a raw socket, 8 in flight),
/// headers-raw (the same FETCH through a raw socket), download-ours, download-mailkit (100 messages of ~107 KB, one UID FETCH BODY.PEEK[] each),
/// getmessage-ours, getmessage-mailkit, getmessage-raw (the same 100, each parsed: GetMessageAsync; the raw socket counts bytes),
/// bodies-ours, bodies-mailkit, bodies-raw (the same 100 in one UID FETCH, each parsed by MimeKit), bodies-memory, bodies-memory-async
/// (the same 100 parsed by MimeKit from memory: its own cost, no client), list-ours, list-mailkit
/// (the 5,000-mailbox LIST, one segment; an item is a mailbox). <c>--alloc-types</c> adds the allocated bytes per item by type, sampled.
/// </summary>
internal static class LoopRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var workload, ..])
        {
            Console.Error.WriteLine("usage: loop parse-ours|parse-mailkit|readall-ours|readall-mailkit|messagelist-ours|messagelist-mailkit|messagelist-server-ours|messagelist-server-ours-lazy|messagelist-server-mailkit|noop-ours|headers-ours|headers-mailkit|flags-ours|noop-server|store-server|noop8-server|noop8-raw|download-ours|download-mailkit|getmessage-ours|getmessage-mailkit|getmessage-raw|bodies-ours|bodies-mailkit|bodies-raw|bodies-memory|bodies-memory-async|headers-raw|list-ours|list-mailkit [seconds] [--alloc-types]");
            return 2;
        }

        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var script = new ReplayScript(CaptureData.FetchSummaries(), CaptureData.List());
        await using var ours = await Clients.OursReplayAsync(script, int.MaxValue);
        using var mailKit = await Clients.MailKitReplayAsync(script, int.MaxValue);
        var downloads = workload.StartsWith("download-", StringComparison.Ordinal) || workload.StartsWith("getmessage-", StringComparison.Ordinal)
            || workload.StartsWith("bodies-", StringComparison.Ordinal);
        await using var server = workload is "headers-ours" or "headers-mailkit" or "headers-raw" or "messagelist-server-ours" or "messagelist-server-ours-lazy" or "messagelist-server-mailkit" or "flags-ours" or "noop-server" or "store-server" or "noop8-server" or "noop8-raw" ? await BenchServer.StartAsync(CaptureData.Messages)
            : downloads ? await BenchServer.StartAsync(0, 100) : null;
        var serverMailbox = downloads ? BenchServer.LargeMailbox : "INBOX";
        await using var oursServer = server is null ? null : await Clients.OursServerAsync(server.Host, server.Port, serverMailbox);
        var (mailKitServer, inbox) = server is null ? (null, null) : await Clients.MailKitServerAsync(server.Host, server.Port, serverMailbox);
        using var mailKitServerDisposer = mailKitServer;
        await using var rawServer = server is null ? null : await server.RawAsync(serverMailbox);
        ulong? checksum = null;
        var once = workload switch
        {
            "headers-ours" => async () =>
            {
                await Ops.OursHeadersAsync(oursServer!, CaptureData.Messages);
                return CaptureData.Messages;
            },
            "headers-mailkit" => async () =>
            {
                await Ops.MailKitHeadersAsync(inbox!);
                return CaptureData.Messages;
            },
            "headers-raw" => async () =>
            {
                await Ops.RawHeadersAsync(rawServer!);
                return CaptureData.Messages;
            },
            "flags-ours" => async () => await Ops.OursFlagsAsync(oursServer!, 100, 1),
            "parse-ours" => async () => (await Ops.OursSummariesAsync(ours, script.Exists)).Count,
            "parse-mailkit" => async () => (await Ops.MailKitSummariesAsync(mailKit.Inbox)).Count,
            "readall-ours" => async () =>
            {
                await Ops.OursSummariesReadAllAsync(ours, script.Exists);
                return script.Exists;
            },
            "readall-mailkit" => async () =>
            {
                await Ops.MailKitSummariesReadAllAsync(mailKit.Inbox);
                return script.Exists;
            },
            "messagelist-ours" => async () =>
            {
                checksum = await MessageList.OursAsync(ours, script.Exists);
                return script.Exists;
            },
            "messagelist-mailkit" => async () =>
            {
                checksum = await MessageList.MailKitAsync(mailKit.Inbox);
                return script.Exists;
            },
            "messagelist-server-ours" => async () =>
            {
                checksum = await MessageList.OursAsync(oursServer!, CaptureData.Messages);
                return CaptureData.Messages;
            },
            "messagelist-server-ours-lazy" => async () =>
            {
                checksum = await MessageList.OursAsync(oursServer!, CaptureData.Messages, parseWhileReceiving: false);
                return CaptureData.Messages;
            },
            "messagelist-server-mailkit" => async () =>
            {
                checksum = await MessageList.MailKitAsync(inbox!);
                return CaptureData.Messages;
            },
            "list-ours" => async () => (await ours.ListAsync()).Count,
            "list-mailkit" => async () => (await mailKit.GetFoldersAsync(mailKit.PersonalNamespaces[0])).Count,
            "download-ours" => async () =>
            {
                await Ops.OursDownloadEachAsync(oursServer!, 100);
                return 100;
            },
            "download-mailkit" => async () =>
            {
                await Ops.MailKitDownloadEachAsync(inbox!, 100);
                return 100;
            },
            "getmessage-ours" => async () =>
            {
                await Ops.OursGetMessageEachAsync(oursServer!, 100);
                return 100;
            },
            "getmessage-mailkit" => async () =>
            {
                await Ops.MailKitGetMessageEachAsync(inbox!, 100);
                return 100;
            },
            "getmessage-raw" => async () =>
            {
                await Ops.RawDownloadEachAsync(rawServer!, 100);
                return 100;
            },
            "bodies-ours" => async () =>
            {
                await Ops.OursBodiesParsedAsync(oursServer!, 100);
                return 100;
            },
            "bodies-mailkit" => async () =>
            {
                await Ops.MailKitBodiesParsedAsync(inbox!, 100);
                return 100;
            },
            "bodies-memory" or "bodies-memory-async" => await BodiesFromMemoryAsync(oursServer!, workload == "bodies-memory-async"),
            "bodies-raw" => async () =>
            {
                await Ops.RawDownloadBulkAsync(rawServer!, 100);
                return 100;
            },
            "noop8-server" => async () => await Ops.OursNoopsAsync(oursServer!, 1600, tasks: 8),
            "noop8-raw" => async () => await rawServer!.PipelineAsync("NOOP", 1600, window: 8),
            "noop-server" => async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await oursServer!.NoopAsync();
                }

                return 1000;
            },
            "store-server" => async () =>
            {
                // One command's own cost: a silent STORE of a few UIDs answers with the tagged line alone.
                var uids = SequenceSet.Parse("1:5,7,9:12");
                var flagged = new MessageFlags(SystemFlags.Flagged);
                for (var i = 0; i < 100; i++)
                {
                    await oursServer!.UidStoreAsync(uids, i % 2 == 0 ? StoreAction.Add : StoreAction.Remove, flagged, silent: true);
                }

                return 100;
            },
            "noop-ours" => async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await ours.NoopAsync();
                }

                return 1000;
            },
            _ => throw new ArgumentException($"Unknown workload '{workload}'."),
        };

        // One run first, unmeasured: JIT compilation and first-use caches are not what a run costs once warm.
        await once();
        using var sampler = args.Contains("--alloc-types") ? new AllocationSampler() : null;
        var heapIdle = GC.GetTotalMemory(forceFullCollection: true);
        sampler?.Start();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var switchesBefore = ContextSwitches.Now();
        var clock = Stopwatch.StartNew();
        var runs = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        long items = 0;
        var runTimes = new List<double>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var started = clock.Elapsed;
            items += await once();
            runTimes.Add((clock.Elapsed - started).TotalMilliseconds);
            runs++;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var switchesAfter = ContextSwitches.Now();
        sampler?.Stop();
        sampler?.Report(items);
        Console.WriteLine($"{workload}: {runs} runs, {clock.Elapsed.TotalMilliseconds / runs:F1} ms per run, {allocated / (double)items:F0} B allocated per item, " +
            $"GC counts {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, " +
            $"{(GC.GetTotalPauseDuration() - pausedBefore) / clock.Elapsed:P0} of the time paused for GC");

        if (checksum is { } listed)
        {
            Console.WriteLine($"{workload}: message list checksum {listed:x16}");
        }

        // On a shared machine the mean moves with the neighbours' load; the median and the fastest run move less.
        runTimes.Sort();
        Console.WriteLine($"{workload}: median run {runTimes[runTimes.Count / 2]:F2} ms, fastest {runTimes[0]:F2} ms");

        // This process's CPU time (all its threads, GC included; not the server's): moves less with the neighbours' load than wall time.
        Console.WriteLine($"{workload}: {cpu.TotalMilliseconds / runs:F1} ms of this process's CPU per run");

        // Thread hops: each wake-up of a waiting thread (the reader loop, the caller) is a voluntary switch or two.
        Console.WriteLine($"{workload}: context switches per item {(switchesAfter.Voluntary - switchesBefore.Voluntary) / (double)items:F2} voluntary, " +
            $"{(switchesAfter.Involuntary - switchesBefore.Involuntary) / (double)items:F2} involuntary");

        // Anything the connection still holds once the caller dropped every result.
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{workload}: heap after the runs, results dropped: {(heapAfter - heapIdle) / 1048576.0:F1} MiB more than before the first run");

        // What the caller holds afterwards: the managed heap with the last result alive, against without it.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        object? result = workload switch
        {
            "parse-ours" => await Ops.OursSummariesAsync(ours, script.Exists),
            "parse-mailkit" => await Ops.MailKitSummariesAsync(mailKit.Inbox),
            _ => null,
        };
        if (result is not null)
        {
            var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            GC.KeepAlive(result);
            Console.WriteLine($"{workload}: the result retains {retained / (double)script.Exists:F0} B per message");
        }

        return 0;
    }

    /// <summary>
    /// MimeKit's own cost for the bodies rows: the same 100 messages, downloaded once, then parsed from memory each
    /// run (synchronous parser, as MailKit's rows use, or the asynchronous one, as the streaming row's caller does).
    /// No client and no socket: what no IMAP library can go below.
    /// </summary>
    private static async Task<Func<Task<int>>> BodiesFromMemoryAsync(ImapConnection imap, bool asynchronous)
    {
        var bodies = new List<byte[]>();
        for (uint uid = 1; uid <= 100; uid++)
        {
            using var memory = new MemoryStream();
            await imap.DownloadAsync(uid, memory);
            bodies.Add(memory.ToArray());
        }

        return async () =>
        {
            long tally = 0;
            foreach (var bytes in bodies)
            {
                using var stream = new MemoryStream(bytes, writable: false);
                tally += MessageTally.Of(asynchronous ? await MimeMessage.LoadAsync(stream) : MimeMessage.Load(stream), decode: false);
            }

            GC.KeepAlive(tally);
            return bodies.Count;
        };
    }
}
