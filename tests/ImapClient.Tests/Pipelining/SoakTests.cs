using System.Diagnostics;
using System.Globalization;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;
using ImapClient.Tests.Infrastructure;
using ImapClient.Tests.Infrastructure.Faults;

namespace ImapClient.Tests.Pipelining;

/// <summary>
/// Many commands from 16 tasks on one connection, each result checked against what the server holds: nothing lost,
/// duplicated or delivered to the wrong command. IMAPCLIENT_SOAK_COMMANDS sets the size (default 5,000).
/// </summary>
public class SoakTests : DovecotTests
{
    private const int Tasks = 16;
    private const int Messages = 64;
    private const int DefaultCommands = 5_000;

    [Test]
    public async Task Commands_from_16_tasks_on_one_connection_each_get_exactly_their_own_result()
    {
        using var unobserved = UnobservedExceptions.Start();
        await SoakAsync(null, Size());
        await unobserved.AssertNoneAsync();
    }

    [Test]
    public async Task Commands_from_16_tasks_through_a_proxy_that_cuts_the_stream_each_get_exactly_their_own_result()
    {
        using var unobserved = UnobservedExceptions.Start();

        // Responses split anywhere, commands reaching the server in fragments: routing must not depend on framing.
        await using (var proxy = StartProxy(c =>
        {
            c.ToClient.Pieces(1, 300, seed: 31);
            c.ToServer.Pieces(1, 40, seed: 32);
        }))
        {
            await SoakAsync(proxy, Math.Max(Size() / 2, Tasks));
        }

        await unobserved.AssertNoneAsync();
    }

    private static int Size()
    {
        var text = Environment.GetEnvironmentVariable("IMAPCLIENT_SOAK_COMMANDS");
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultCommands;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : throw new ArgumentException($"IMAPCLIENT_SOAK_COMMANDS must be a positive whole number, not '{text}'.");
    }

    private static async Task SoakAsync(FaultProxy? proxy, int commands)
    {
        // Bodies of different lengths, so a size delivered to the wrong command is noticed.
        var lines = Enumerable.Range(1, Messages).Select(i => 1 + (i * 7 % 13)).ToArray();
        var mailbox = SeedMailbox(lines);
        await using var imap = await LoginAsync(proxy, TimeSpan.FromSeconds(30));
        await imap.SelectAsync(mailbox);
        var truth = await MailboxTruth.ReadAsync(imap, lines);

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Tasks)
            .Select(t => new SoakWorker(imap, truth, t, (commands / Tasks) + (t < commands % Tasks ? 1 : 0)))
            .ToList();
        await Task.WhenAll(workers.Select(w => Task.Run(w.RunAsync))).WaitAsync(TimeSpan.FromMinutes(10));
        clock.Stop();

        var done = workers.Sum(w => w.Completed);
        var mix = string.Join(", ", workers.SelectMany(w => w.ByKind).GroupBy(k => k.Key).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Sum(k => k.Value)}"));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done} commands from {Tasks} tasks{(proxy is null ? "" : " through the fault proxy")} in {clock.Elapsed.TotalSeconds:F2} s ({done / clock.Elapsed.TotalSeconds:F0}/s): {mix}"));
        Assert.That(done, Is.EqualTo(commands), "every command completed once");

        // Each task's keyword is on exactly the messages where that task left it.
        var flags = await imap.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        Assert.That(flags, Has.Count.EqualTo(Messages));
        foreach (var worker in workers)
        {
            var tagged = flags.Where(m => m.Flags!.Contains(worker.Keyword)).Select(m => m.Uid!.Value);
            Assert.That(tagged, Is.EquivalentTo(worker.KeywordOn), worker.Keyword);
        }
    }
}
