using System.Diagnostics;
using System.Globalization;
using ImapClient.Benchmarks.Corpus;
using ImapClient.Benchmarks.Wire;
using ImapClient.Benchmarks.Workloads;
using ImapClient.TestServer;

namespace ImapClient.Benchmarks.Replay;

/// <summary>
/// <c>-- capture</c>: regenerates <c>benchmarks/data/</c>. Seeds a private Dovecot with the corpus and about 5,000
/// mailboxes, then records, with a bare socket, the summaries FETCH of all messages and the answer to
/// <c>LIST "" "*"</c>.
/// </summary>
internal static class CaptureTool
{
    public const int Mailboxes = 5_000;

    public static async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await DovecotServer.StartAsync(new DovecotServerOptions());
        server.SeedMessages(Clients.User, "INBOX", MessageCorpus.Summaries(CaptureData.Messages));
        foreach (var name in MailboxNames())
        {
            server.SeedMessages(Clients.User, name, []);
        }

        // Otherwise the capturing session would be the first to see the messages and get \Recent on all of them.
        await server.ClearRecentAsync(Clients.User, "INBOX");
        Console.WriteLine($"seeded {CaptureData.Messages} messages and {Mailboxes - 1} mailboxes besides INBOX in {clock.Elapsed.TotalSeconds:F1} s");

        await using var raw = await RawImapClient.ConnectAsync(server.Host, server.Port);
        await raw.LoginAsync(Clients.User, Clients.Password);
        await raw.RunAsync("SELECT INBOX");
        var fetch = await raw.CaptureAsync("UID FETCH 1:* " + Ops.SummaryItems);
        var list = await raw.CaptureAsync("LIST \"\" \"*\"");
        await raw.RunAsync("LOGOUT");

        var fetchCount = CaptureData.CountResponses(fetch);
        var listCount = CaptureData.CountResponses(list);
        if (fetchCount != CaptureData.Messages || listCount != Mailboxes)
        {
            Console.Error.WriteLine($"capture: expected {CaptureData.Messages} FETCH and {Mailboxes} LIST responses, got {fetchCount} and {listCount}");
            return 1;
        }

        CaptureData.Save(CaptureData.FetchSummariesFile, fetch);
        CaptureData.Save(CaptureData.ListFile, list);
        var dir = CaptureData.SourceDataDirectory();
        foreach (var (name, bytes, count) in new[] { (CaptureData.FetchSummariesFile, fetch, fetchCount), (CaptureData.ListFile, list, listCount) })
        {
            var compressed = new FileInfo(Path.Combine(dir, name)).Length;
            Console.WriteLine($"{Path.Combine(dir, name)}: {count} responses, {bytes.Length:N0} bytes, {compressed:N0} compressed");
        }

        Console.WriteLine($"capture took {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// 50 top-level mailboxes and 4,949 below them (with INBOX, 5,000): spaces, digits, and modified UTF-7 names
    /// (as Dovecot stores and sends them) among them.
    /// </summary>
    private static IEnumerable<string> MailboxNames()
    {
        string[] stems = ["Projects", "Clients", "Archive", "Lists", "Entw&APw-rfe", "Reisekosten", "R&AOk-unions", "Team Alpha", "Vendors", "Support"];
        var parents = Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{stems[i % stems.Length]} {2000 + i}")).ToArray();
        foreach (var parent in parents)
        {
            yield return parent;
        }

        string[] leaves = ["Ticket", "Kunde M&APw-ller", "Invoices", "Q", "Meeting notes", "&ZeVnLIqe-", "Build", "Contract"];
        for (var i = 0; i < Mailboxes - 1 - parents.Length; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{parents[i % parents.Length]}/{leaves[i % leaves.Length]} {i:D4}");
        }
    }
}
